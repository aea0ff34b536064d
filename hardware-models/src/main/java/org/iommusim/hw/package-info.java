/** placeholder */
package org.iommusim.hw;
