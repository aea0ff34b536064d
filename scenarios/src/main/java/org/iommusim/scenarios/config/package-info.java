/**
 * Generic configuration machinery for scenario files: a YAML reader that keeps the file, line
 * and column of every node ({@link org.iommusim.scenarios.config.YamlReader}); a declarative
 * schema read from annotated Java records ({@link org.iommusim.scenarios.config.Key},
 * {@link org.iommusim.scenarios.config.Schema}); layering of reference defaults, a scenario
 * file and {@code --set} overrides; strict binding to immutable records with every error
 * collected as a located {@link org.iommusim.scenarios.config.Diagnostic}; the effective
 * configuration writer; and the reference-documentation generator and checker.
 *
 * <p>The entry point is {@link org.iommusim.scenarios.config.ConfigLoader}. This package knows
 * nothing about IOMMUs: the scenario schema itself lives elsewhere and is declared with
 * {@link org.iommusim.scenarios.config.Key} on its records.
 */
package org.iommusim.scenarios.config;
