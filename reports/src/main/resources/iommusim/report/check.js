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
    var charts = document.querySelectorAll('figure .chart > svg'), drawn = 0, chartWidths = [];
    for (var j = 0; j < charts.length; j++) {
      var box = charts[j].getBoundingClientRect(), vb = charts[j].viewBox.baseVal;
      chartWidths.push(vb ? vb.width : 0);
      if (box.width > 0 && box.height > 0 && charts[j].childElementCount > 0) { drawn++; }
    }
    var b = document.body;
    b.setAttribute('data-charts', String(charts.length));
    b.setAttribute('data-charts-drawn', String(drawn));
    b.setAttribute('data-chart-widths', chartWidths.join(','));
    b.setAttribute('data-images', String(imgs.length));
    b.setAttribute('data-images-loaded', String(ok));
    b.setAttribute('data-image-widths', widths.join(','));
    b.setAttribute('data-images-broken', broken.join('|'));
    b.setAttribute('data-errors', errors.join('|'));
    b.setAttribute('data-check', 'done');
  });
})();
