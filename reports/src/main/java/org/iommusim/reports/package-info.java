/** placeholder */
package org.iommusim.reports;
