/**
 * The shipped scenario catalog: YAML resources under {@code /iommusim/catalog/}, listed
 * explicitly in {@link org.iommusim.scenarios.catalog.Catalog}, each answering one question.
 */
package org.iommusim.scenarios.catalog;
