/**
 * Arcs thinned by weight in the chain layout: past a budget, only the strongest arcs between
 * chain firms are drawn, so that the lanes stay visible under a thousand firms' arcs and the
 * segment view's summed arcs do not form a web.
 * Bridge arcs (flagged weak links) rank first; ghost links (to a missing segment) below every
 * relation.
 */
import type { ViewGraph } from './model.js';

/** The arcs drawn: the strongest N, by the size of the view (`auto`), or all. */
export type ArcLimit = 'auto' | 'all' | number;

/**
 * `auto`: company views draw at most this many arcs; views grouped by segment (a node per
 * segment, arcs summed) at most {@link AUTO_ARCS_PER_GROUP} per segment node.
 */
export const AUTO_ARCS = 150;
export const AUTO_ARCS_PER_GROUP = 1.5;

/** The number of arcs a limit allows on this graph (Infinity: all). */
export function arcBudget(graph: ViewGraph, limit: ArcLimit): number {
  if (limit === 'all') return Infinity;
  if (typeof limit === 'number') return limit;
  let groups = 0;
  graph.forEachNode((_, a) => {
    if (a.company < 0 && a.groupSegment) groups++;
  });
  return groups > 0 ? Math.max(12, Math.round(groups * AUTO_ARCS_PER_GROUP)) : AUTO_ARCS;
}

/** What thinning left: arcs drawn, arcs there were to draw. */
export interface Thinned {
  shown: number;
  total: number;
}

/**
 * Hides all but the `budget` strongest of the arcs not hidden already: bridge arcs first (the
 * strongest of them when they alone pass the budget), then relations by weight, then merged
 * relations, then key (the same view thins the same way), ghost links last.
 */
export function thinArcs(graph: ViewGraph, budget: number): Thinned {
  const ranked: { edge: string; rank: number; weight: number; relations: number }[] = [];
  graph.forEachEdge((edge, a) => {
    if (a.hidden) return;
    const rank = a.bridge ? 0 : a.ghost ? 2 : 1;
    ranked.push({ edge, rank, weight: a.weight, relations: a.relations });
  });
  const total = ranked.length;
  if (total <= budget) return { shown: total, total };
  ranked.sort(
    (p, q) =>
      p.rank - q.rank ||
      q.weight - p.weight ||
      q.relations - p.relations ||
      (p.edge < q.edge ? -1 : 1),
  );
  for (let i = budget; i < total; i++) graph.setEdgeAttribute(ranked[i]!.edge, 'hidden', true);
  return { shown: budget, total };
}
