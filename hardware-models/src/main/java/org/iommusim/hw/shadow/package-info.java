/**
 * Software nesting: a shadow table (IOVA to HPA) that the kernel keeps equal to the
 * composition of a child's table with its parent's translation, so the IOMMU walks one
 * stage. {@link org.iommusim.hw.shadow.ShadowTable} re-walks a bound guest table over an
 * invalidated range, re-derives shadow entries when the parent changes (found through a
 * {@link org.iommusim.hw.shadow.ReverseMap} from parent input pages to child entries), and
 * reports its work in {@link org.iommusim.hw.shadow.SyncWork} and the changed ranges in a
 * {@link org.iommusim.hw.shadow.ChangeSet}.
 *
 * <p>Decision on parent maps: the reverse map also keeps child leaves the parent cannot
 * resolve yet and guest table pages the parent does not map, so a parent map makes such
 * entries resolvable at once, with no guest action — as hardware nesting would see it. A
 * parent unmap removes every shadow entry derived from the range (and re-walks guest
 * table regions whose pages it removed), and the host invalidates exactly those entries.
 */
package org.iommusim.hw.shadow;
