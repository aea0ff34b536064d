/**
 * Benchmarks of the functional translation core, run by the CLI as {@code bench translate}
 * (not as timed unit tests): walks per second on populated tables and heap per mapped page.
 */
package org.iommusim.hw.bench;
