/**
 * The self-contained {@code report.html}: plain HTML and CSS built with a small escaping
 * helper, charts embedded as PNG data URIs, no network access, no external files needed to
 * view it. Renders what it is given; reads no files itself.
 */
package org.iommusim.reports.html;
