/** placeholder */
package org.iommusim.scenarios;
