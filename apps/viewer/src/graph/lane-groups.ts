/**
 * Process groups of a chain template, for lanes too many to read one by one: a segment's group
 * is the segment its feeds lead to inside its own stage, followed to the end (the first feed in
 * template order at each step). In the ETO template the 12 lithography tools and parts gather
 * under "Lithography tools", the deposition tools under "Deposition tools"; in lithium-battery
 * the cathode precursors and lithium salts under 正极材料. Nothing here reads the data: only the
 * template's segments and feeds.
 */
import type { Stage } from '@chainlens/core';

/** Above this many segments, the chain layout collapses each process group into one lane. */
export const LANE_COLLAPSE_ABOVE = 40;

/** How the lanes are grouped: by size (auto), one lane per segment, or one per process group. */
export type LaneGrouping = 'auto' | 'segments' | 'groups';
export const LANE_GROUPINGS: readonly LaneGrouping[] = ['auto', 'segments', 'groups'];

/** Segment id → the id of its group's head (itself when nothing of its stage follows it). */
export function processGroups(
  segments: readonly { id: string; stage: Stage }[],
  feeds: readonly (readonly [string, string])[],
): Map<string, string> {
  const stage = new Map(segments.map((s) => [s.id, s.stage]));
  const next = new Map<string, string>();
  for (const [a, b] of feeds) {
    if (!next.has(a) && stage.has(b) && stage.get(a) === stage.get(b)) next.set(a, b);
  }
  const head = new Map<string, string>();
  for (const s of segments) {
    const seen = new Set<string>();
    let c = s.id;
    // A template is a DAG; `seen` stops a cycle all the same.
    while (next.has(c) && !seen.has(c)) {
      seen.add(c);
      c = next.get(c)!;
    }
    head.set(s.id, c);
  }
  return head;
}

/**
 * The segments drawn inside a collapsed group's lane: segment id → its group head, for the
 * groups of two or more segments that are collapsed (`auto`: when the template has more than
 * {@link LANE_COLLAPSE_ABOVE} segments), less the groups in `expanded` (heads).
 */
export function collapsedLanes(
  segments: readonly { id: string; stage: Stage }[],
  feeds: readonly (readonly [string, string])[],
  grouping: LaneGrouping,
  expanded: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const out = new Map<string, string>();
  const collapse =
    grouping === 'groups' || (grouping === 'auto' && segments.length > LANE_COLLAPSE_ABOVE);
  if (!collapse) return out;
  const head = processGroups(segments, feeds);
  const size = new Map<string, number>();
  for (const h of head.values()) size.set(h, (size.get(h) ?? 0) + 1);
  for (const [s, h] of head) {
    if (size.get(h)! > 1 && !expanded.has(h)) out.set(s, h);
  }
  return out;
}
