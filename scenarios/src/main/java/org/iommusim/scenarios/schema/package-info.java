/**
 * The scenario schema: the records a scenario file binds to (each key documented with
 * {@link org.iommusim.scenarios.config.Key}, default, unit and provenance), their conversion to
 * the hardware models' configuration records, the cross-field rules, and the generated
 * {@code reference.yaml}.
 */
package org.iommusim.scenarios.schema;
