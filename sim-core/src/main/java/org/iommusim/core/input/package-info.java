/** What the modules share about user input: the {@link org.iommusim.core.input.BadInput} marker. */
package org.iommusim.core.input;
