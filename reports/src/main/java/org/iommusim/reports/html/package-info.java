/**
 * The self-contained {@code report.html}: a Mustache template ({@code iommusim/report/}) filled
 * with values encoded by the OWASP Java Encoder, inline CSS and a self-check script, charts
 * placed inline as SVG, no network access, no external files needed to view it. Renders
 * what it is given; reads no files itself.
 */
package org.iommusim.reports.html;
