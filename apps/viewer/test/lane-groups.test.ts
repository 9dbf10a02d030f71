/**
 * Process groups of the shipped templates (lane-groups.ts) and arc thinning (arc-thinning.ts),
 * checked against the template files' feeds and against a graph whose weights are known.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { AUTO_ARCS, arcBudget, thinArcs } from '../src/graph/arc-thinning.js';
import { LANE_COLLAPSE_ABOVE, collapsedLanes, processGroups } from '../src/graph/lane-groups.js';
import type { EdgeAttributes, NodeAttributes, ViewGraph } from '../src/graph/model.js';
import { ROOT } from './browser.js';

interface Template {
  segments: { id: string; name: string; stage: 'upstream' | 'midstream' | 'downstream' }[];
  feeds: [string, string][];
}
const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Template;
const templates = {
  lithium: read('datasets/templates/lithium-battery.json'),
  eto: read('datasets/eto-semiconductors/templates/eto-advanced-logic-chips.json'),
  etoProvided: read('datasets/eto-semiconductors/templates/eto-advanced-logic-chips-provided.json'),
};

describe('process groups', () => {
  for (const [name, t] of Object.entries(templates)) {
    it(`${name}: every segment's head is reached along its feeds, in its stage, and feeds none of it`, () => {
      const stage = new Map(t.segments.map((s) => [s.id, s.stage]));
      const heads = processGroups(t.segments, t.feeds);
      expect(heads.size).toBe(t.segments.length);
      for (const s of t.segments) {
        const head = heads.get(s.id)!;
        expect(stage.get(head)).toBe(s.stage);
        // The head feeds no segment of its stage.
        expect(t.feeds.some(([a, b]) => a === head && stage.get(b) === s.stage)).toBe(false);
        // It is reachable from the segment through feeds inside the stage.
        const seen = new Set([s.id]);
        let frontier = [s.id];
        while (frontier.length > 0) {
          frontier = t.feeds
            .filter(([a, b]) => frontier.includes(a) && stage.get(b) === s.stage && !seen.has(b))
            .map(([, b]) => b);
          for (const b of frontier) seen.add(b);
        }
        expect(seen.has(head), `${s.id} → ${head}`).toBe(true);
      }
    });
  }

  it('collapses only above the threshold (auto), always (groups) or never (segments)', () => {
    const { lithium, eto } = templates;
    expect(lithium.segments.length).toBeLessThanOrEqual(LANE_COLLAPSE_ABOVE);
    expect(eto.segments.length).toBeGreaterThan(LANE_COLLAPSE_ABOVE);
    expect(collapsedLanes(lithium.segments, lithium.feeds, 'auto').size).toBe(0);
    expect(collapsedLanes(eto.segments, eto.feeds, 'segments').size).toBe(0);
    const forced = collapsedLanes(lithium.segments, lithium.feeds, 'groups');
    expect(forced.size).toBeGreaterThan(0);
    const auto = collapsedLanes(eto.segments, eto.feeds, 'auto');
    const heads = processGroups(eto.segments, eto.feeds);
    // Exactly the segments of groups of two or more.
    const size = new Map<string, number>();
    for (const h of heads.values()) size.set(h, (size.get(h) ?? 0) + 1);
    expect([...auto.keys()].sort()).toEqual(
      eto.segments
        .filter((s) => size.get(heads.get(s.id)!)! > 1)
        .map((s) => s.id)
        .sort(),
    );
    // An expanded group is drawn segment by segment.
    const head = [...size].find(([, n]) => n > 1)![0];
    const less = collapsedLanes(eto.segments, eto.feeds, 'auto', new Set([head]));
    expect(less.size).toBe(auto.size - size.get(head)!);
    expect([...less.values()]).not.toContain(head);
  });
});

function graphOf(weights: number[]): ViewGraph {
  const g: ViewGraph = new Graph<NodeAttributes, EdgeAttributes>({ type: 'directed' });
  const node = (k: string) =>
    g.addNode(k, {
      label: k,
      x: 0,
      y: 0,
      size: 1,
      color: '#000',
      company: 0,
      region: '',
      community: 0,
      group: -1,
      companies: 1,
      degree: 0,
      pagerank: 0,
      attrs: {},
    });
  weights.forEach((w, i) => {
    node(`s${i}`);
    node(`t${i}`);
    g.addDirectedEdgeWithKey(`e${i}`, `s${i}`, `t${i}`, {
      weight: w,
      types: 1,
      relations: 1,
      size: 1,
      color: '#000',
    });
  });
  return g;
}

describe('arcs thinned by weight', () => {
  it('keeps the strongest within the budget, bridges first, ghost links last', () => {
    const weights = [5, 1, 9, 3, 7, 2, 8, 6, 4, 10];
    const g = graphOf(weights);
    g.setEdgeAttribute('e1', 'bridge', true); // weight 1, kept
    g.setEdgeAttribute('e9', 'ghost', true); // weight 10, but a ghost link
    g.setEdgeAttribute('e5', 'hidden', true); // hidden already: not counted
    const out = thinArcs(g, 4);
    expect(out).toEqual({ shown: 4, total: 9 });
    const shown = g.filterEdges((_, a) => !a.hidden).sort();
    // The bridge, then the three heaviest relations (9, 8, 7).
    expect(shown).toEqual(['e1', 'e2', 'e4', 'e6']);
  });

  it('draws everything under the budget; `all` has none', () => {
    const g = graphOf([3, 2, 1]);
    expect(thinArcs(g, arcBudget(g, 'all'))).toEqual({ shown: 3, total: 3 });
    expect(arcBudget(g, 'auto')).toBe(AUTO_ARCS);
    expect(arcBudget(g, 200)).toBe(200);
    expect(g.filterEdges((_, a) => !a.hidden).length).toBe(3);
  });
});

describe('bridges past the budget', () => {
  it('draws the strongest bridges only', () => {
    const g = graphOf([4, 9, 1, 6]);
    g.forEachEdge((e) => g.setEdgeAttribute(e, 'bridge', true));
    expect(thinArcs(g, 2)).toEqual({ shown: 2, total: 4 });
    expect(g.filterEdges((_, a) => !a.hidden).sort()).toEqual(['e1', 'e3']);
  });
});
