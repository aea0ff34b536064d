/**
 * Findings: what a run's results say, computed from a
 * {@link org.iommusim.core.results.ResultsDocument} alone and stated as plain sentences with
 * their structured fields. {@link org.iommusim.core.findings.FindingsEngine} finds the
 * statistically significant differences between variants (or adjacent sweep points) with
 * {@link org.iommusim.core.findings.Welch}'s t-test on the replication values, crossovers and
 * knees along swept axes, and turns per-variant resource warnings
 * ({@link org.iommusim.core.findings.WarningSource}) into findings;
 * {@link org.iommusim.core.findings.FindingsJson} writes {@code findings.json}. Nothing here
 * knows about the hardware models.
 */
package org.iommusim.core.findings;
