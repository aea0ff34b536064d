(function () {
  var errors = [];
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t !== window && t.tagName) {
      errors.push('failed to load ' + t.tagName.toLowerCase() + ' ' + (t.getAttribute('alt') || ''));
    } else {
      errors.push(String(e.message || 'script error'));
    }
  }, true);
  window.addEventListener('unhandledrejection', function () { errors.push('unhandled rejection'); });
  var consoleError = console.error;
  console.error = function () {
    errors.push(Array.prototype.join.call(arguments, ' '));
    return consoleError.apply(console, arguments);
  };
  window.addEventListener('load', function () {
    var imgs = document.images, ok = 0, widths = [], broken = [];
    for (var i = 0; i < imgs.length; i++) {
      widths.push(imgs[i].naturalWidth);
      if (imgs[i].complete && imgs[i].naturalWidth > 0) { ok++; } else { broken.push(imgs[i].alt); }
    }
    var b = document.body;
    b.setAttribute('data-images', String(imgs.length));
    b.setAttribute('data-images-loaded', String(ok));
    b.setAttribute('data-image-widths', widths.join(','));
    b.setAttribute('data-images-broken', broken.join('|'));
    b.setAttribute('data-errors', errors.join('|'));
    b.setAttribute('data-check', 'done');
  });
})();
