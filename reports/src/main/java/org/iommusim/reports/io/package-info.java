/**
 * Reading a results folder (stats.json, manifest.json, the effective configuration) into
 * memory, parsing swept parameter values, and writing files atomically. No rendering here.
 */
package org.iommusim.reports.io;
