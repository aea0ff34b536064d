package org.iommusim.reports.html;

/**
 * The report's inline CSS and its self-check script, kept apart from the page structure. The
 * script records, on {@code load}, in attributes of {@code <body>}: {@code data-images} (how
 * many {@code <img>}), {@code data-images-loaded} (how many decoded with a non-zero natural
 * width), {@code data-image-widths}, {@code data-images-broken} (alt texts of the others),
 * {@code data-errors} (script errors, failed resource loads, {@code console.error} calls,
 * joined by {@code |}) and finally {@code data-check="done"}. It changes nothing visible.
 */
final class PageAssets {
    static final String CHECK_SCRIPT = """
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
            """;

    static final String CSS = """
            body { margin: 0; background: #fafafa; color: #1a1a1a;
                   font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
            main { max-width: 1260px; margin: 0 auto; padding: 16px 24px 64px; }
            h1 { margin: 8px 0 4px; font-size: 30px; }
            h2 { margin-top: 40px; border-bottom: 2px solid #0072B2; padding-bottom: 4px; }
            .question { font-size: 19px; color: #333; margin: 0 0 12px; }
            nav { margin: 8px 0 16px; color: #555; }
            a { color: #0072B2; }
            table { border-collapse: collapse; margin: 8px 0 16px; background: #fff; }
            th, td { border: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.num small { color: #666; }
            table.kv th { background: #f0f4f8; font-weight: 600; }
            thead th { background: #f0f4f8; position: sticky; top: 0; }
            .scroll { overflow-x: auto; max-width: 100%; }
            figure { margin: 24px 0; background: #fff; border: 1px solid #e2e2e2; padding: 8px; }
            figure img { display: block; max-width: 100%; height: auto; }
            figcaption { margin-top: 6px; color: #333; }
            .files { color: #777; margin-left: 8px; white-space: nowrap; }
            .warning { color: #D55E00; }
            .notes { color: #555; }
            details { background: #fff; border: 1px solid #e2e2e2; padding: 8px 12px; }
            summary { cursor: pointer; font-weight: 600; }
            pre { overflow-x: auto; font-size: 13px; line-height: 1.4; }
            """;

    private PageAssets() {
    }
}
