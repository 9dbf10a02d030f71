/**
 * The chain report drawn on the graph (no figure is computed here: everything comes from the
 * worker's `ChainAnalysis`, i.e. core's `analyze()`):
 * - each chain firm's main segment and stage (colour by segment or stage);
 * - **ghost nodes**: one per missing role (report `missingRoles`), keyed `ghost:<segment>`,
 *   linked to the local companies that need it (`neededBy`): for a missing upstream role the
 *   link runs ghost → buyer (it would supply them), for a downstream one seller → ghost; in a
 *   view grouped by segment, a company not drawn is stood for by its main segment's node;
 * - weak links: companies named by `single-source` and `cut-point` weak links, and the arcs of
 *   `bridge` weak links, flagged for the warning colour;
 * - the **chain layout** is in chain-layout.ts.
 */
import type { Stage } from '@chainlens/core';
import { STAGES } from '@chainlens/core';
import type { ChainAnalysis } from '../protocol.js';
import { segmentGroupKey } from '../protocol.js';
import type { ReportSegment } from '../panel/report-types.js';
import type { NodeAttributes, ViewGraph } from './model.js';
import { t } from '../i18n.js';

export const GHOST_PREFIX = 'ghost:';
export const ghostKey = (segment: string) => `${GHOST_PREFIX}${segment}`;

/** Node and edge colours of the chain decorations. */
export const CHAIN_COLORS = {
  warn: '#e8590c',
  ghostFill: '#f3f4f6',
  ghostRing: '#7b8794',
  ghostEdge: '#9aa5b1',
  removed: '#1f2933',
  cutOff: '#c2312f',
};

/** Stage colours (colour by stage), and the hue range of each stage's segments. */
export const STAGE_COLORS: Record<Stage, string> = {
  upstream: '#3a7dc9',
  midstream: '#e8871e',
  downstream: '#8a5cc2',
};
const STAGE_HUES: Record<Stage, [number, number]> = {
  upstream: [150, 235],
  midstream: [18, 52],
  downstream: [265, 335],
};

/** A ghost node's label: the missing segment's name, marked missing. */
export function ghostLabel(segmentName: string): string {
  return t('viewer:ghost.label', { segment: segmentName });
}

/** A stage's name as lane headers and the legend show it, in the current language. */
export function stageLabel(stage: Stage): string {
  return stage === 'upstream'
    ? t('viewer:stage.upstream')
    : stage === 'midstream'
      ? t('viewer:stage.midstream')
      : t('viewer:stage.downstream');
}

function hex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(255 * c)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/**
 * One colour per segment: hues within its stage's range (upstream greens to blues, midstream
 * oranges, downstream purples), spread in template order with alternating lightness, so that a
 * segment's colour also tells its stage.
 */
export function segmentColors(segments: readonly ReportSegment[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const stage of STAGES) {
    const list = segments.filter((s) => s.stage === stage);
    const [h0, h1] = STAGE_HUES[stage];
    list.forEach((s, i) => {
      const t = list.length === 1 ? 0.5 : i / (list.length - 1);
      const l = [0.46, 0.6, 0.38][i % 3]!;
      out.set(s.id, hex(h0 + t * (h1 - h0), 0.62, l));
    });
  }
  return out;
}

/** Removes the chain decorations of a previous report (ghost nodes, flags). */
export function clearChain(graph: ViewGraph): void {
  for (const node of graph.nodes()) {
    if (graph.getNodeAttribute(node, 'ghost') !== undefined) graph.dropNode(node);
  }
  graph.updateEachNodeAttributes((_, a) => {
    delete a.segment;
    delete a.segments;
    delete a.weak;
    a.ring = 0;
    return a;
  });
  graph.updateEachEdgeAttributes((_, a) => {
    delete a.bridge;
    return a;
  });
}

/** Ghost nodes added, and how many of their links could be drawn. */
export interface ChainDecoration {
  ghosts: string[];
  ghostLinks: number;
  /**
   * neededBy companies that are not drawn and have no segment node standing for them (outside
   * the view, or inside a community node).
   */
  ghostLinksNotDrawn: number;
  /** neededBy companies stood for by their segment's group node (segment-grouped view). */
  ghostLinksViaGroup: number;
  bridgesDrawn: number;
  bridges: number;
}

/**
 * Puts a chain analysis on the graph: segments and weak-link flags on the company nodes, bridge
 * flags on arcs, one ghost node per missing role linked to its drawn `neededBy` companies.
 */
export function decorateChain(graph: ViewGraph, analysis: ChainAnalysis): ChainDecoration {
  clearChain(graph);
  const { report, companySegments } = analysis;
  graph.updateEachNodeAttributes((node, a) => {
    const segs = companySegments[node];
    if (segs && a.company >= 0) {
      a.segments = segs;
      a.segment = segs[0];
    } else if (a.groupSegment) {
      // A segment's group node: in its lane, in its colour.
      a.segment = a.groupSegment;
    }
    return a;
  });
  for (const w of report.weakLinks) {
    if ((w.kind === 'single-source' || w.kind === 'cut-point') && w.company) {
      if (!graph.hasNode(w.company)) continue;
      const weak = graph.getNodeAttribute(w.company, 'weak') ?? [];
      if (!weak.includes(w.kind)) graph.setNodeAttribute(w.company, 'weak', [...weak, w.kind]);
    }
  }
  let bridges = 0;
  let bridgesDrawn = 0;
  for (const w of report.weakLinks) {
    if (w.kind !== 'bridge' || !w.source || !w.target) continue;
    bridges++;
    let drawn = false;
    for (const [s, t] of [
      [w.source, w.target],
      [w.target, w.source],
    ] as const) {
      if (graph.hasNode(s) && graph.hasNode(t) && graph.hasDirectedEdge(s, t)) {
        graph.setEdgeAttribute(graph.directedEdge(s, t)!, 'bridge', true);
        drawn = true;
      }
    }
    if (drawn) bridgesDrawn++;
  }
  const ghosts: string[] = [];
  let ghostLinks = 0;
  let ghostLinksNotDrawn = 0;
  let ghostLinksViaGroup = 0;
  // A company not drawn on its own, in a view grouped by segment: its main segment's node.
  const groupNode = (id: string): string | undefined => {
    const main = companySegments[id]?.[0];
    const key = main === undefined ? undefined : segmentGroupKey(main);
    return key !== undefined && graph.hasNode(key) && graph.getNodeAttribute(key, 'company') < 0
      ? key
      : undefined;
  };
  const names = new Map(report.segments.map((s) => [s.id, s.name]));
  for (const m of report.missingRoles) {
    const key = ghostKey(m.segment);
    ghosts.push(key);
    // Every attribute is set when the node is added: sigma repaints an updated node in place,
    // which it cannot do for a node it has not indexed yet.
    const linked: string[] = [];
    const viaGroup = new Set<string>();
    for (const id of m.neededBy) {
      if (graph.hasNode(id) && graph.getNodeAttribute(id, 'company') >= 0) {
        linked.push(id);
        continue;
      }
      const group = groupNode(id);
      if (group !== undefined) {
        viaGroup.add(group);
        ghostLinksViaGroup++;
      } else {
        ghostLinksNotDrawn++;
      }
    }
    linked.push(...viaGroup);
    // Ghosts start beside the companies that need them (the force layout moves them on).
    let x = 0;
    let y = 0;
    for (const id of linked) {
      x += graph.getNodeAttribute(id, 'x');
      y += graph.getNodeAttribute(id, 'y');
    }
    const n = Math.max(1, linked.length);
    graph.addNode(key, {
      label: ghostLabel(names.get(m.segment) ?? m.segment),
      x: x / n + 0.5,
      y: y / n + 0.5,
      size: 9,
      color: CHAIN_COLORS.ghostFill,
      company: -1,
      region: '',
      community: -1,
      group: -1,
      companies: 0,
      degree: m.neededBy.length,
      pagerank: 0,
      attrs: {},
      segment: m.segment,
      ghost: m.segment,
      forceLabel: true,
      ring: 2,
      ringColor: CHAIN_COLORS.ghostRing,
    });
    for (const id of linked) {
      const [source, target] = m.direction === 'downstream' ? [id, key] : [key, id];
      graph.addDirectedEdge(source, target, {
        weight: 0,
        types: 0,
        relations: 0,
        size: 1,
        color: CHAIN_COLORS.ghostEdge,
        ghost: true,
      });
      ghostLinks++;
    }
  }
  return { ghosts, ghostLinks, ghostLinksNotDrawn, ghostLinksViaGroup, bridges, bridgesDrawn };
}

/** Stage of a node in the chain (its main segment's), or '' outside the chain. */
export function stageOfNode(a: NodeAttributes, stages: Map<string, Stage>): Stage | '' {
  return a.segment ? (stages.get(a.segment) ?? '') : '';
}

/**
 * Rings and colours of the chain flags: ghosts are grey discs with a dashed ring; with
 * `flagWeak`, companies named by single-source / cut-point weak links get a warning ring and
 * bridge arcs the warning colour (thicker); ghost links are thin grey. `ghostSize` in pixels;
 * `inLanes` (chain layout): ghosts unlabelled (their lane is), links of companies outside the
 * chain hidden (the renderer shows them when both ends are focused).
 */
export function applyChainStyle(
  graph: ViewGraph,
  flagWeak: boolean,
  ghostSize = 9,
  inLanes = false,
): void {
  graph.updateEachNodeAttributes(
    (_, a) => {
      if (a.ghost !== undefined) {
        a.color = CHAIN_COLORS.ghostFill;
        a.ring = 2;
        a.ringColor = CHAIN_COLORS.ghostRing;
        a.size = ghostSize;
        // In the chain layout the lane names the missing segment.
        a.forceLabel = !inLanes;
      } else if (flagWeak && a.weak?.length) {
        a.ring = 1;
        a.ringColor = CHAIN_COLORS.warn;
      } else {
        a.ring = 0;
      }
      return a;
    },
    { attributes: ['color', 'ring', 'ringColor', 'size', 'forceLabel'] },
  );
  graph.updateEachEdgeAttributes(
    (_, a, _s, _t, sa, ta) => {
      if (a.ghost) {
        a.color = CHAIN_COLORS.ghostEdge;
        a.size = 1;
      } else if (a.bridge && flagWeak) {
        a.color = CHAIN_COLORS.warn;
        a.size = Math.max(a.size, 3);
      }
      // The chain layout draws the links between chain firms (and of ghosts); the links of
      // companies outside the chain show when they are focused.
      a.hidden = inLanes && !a.ghost && (sa.segment === undefined || ta.segment === undefined);
      return a;
    },
    { attributes: ['color', 'size', 'hidden'] },
  );
}
