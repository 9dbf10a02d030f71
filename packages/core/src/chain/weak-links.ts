/**
 * Weak links of a cluster's chain (弱链 / 断链; report.json `weakLinks`, DESIGN §3 and §6,
 * anchors.md §3.2–3.3), of exactly the five kinds of DESIGN §6, in this order:
 *
 * - `single-source`: a segment with n_s = 1 (one local firm: a single point of failure).
 * - `concentrated`: a segment with n_s ≥ 2 and HHI_s > τ (n_s = 1 is reported as single-source
 *   only), with HHI_s and N_eff = 1/HHI_s.
 * - `cut-point`: an articulation point of the cluster's supply view (undirected; Hopcroft–Tarjan
 *   via metrics/cutpoints.ts): removing the company splits its connected part of the local
 *   supply web; `parts` are the sizes of the pieces left, `separated` how many companies end up
 *   outside the largest piece.
 * - `bridge`: a bridge of that view: the only supply link joining two groups of local firms. A
 *   doubled link (parallel or opposite relations) is never a bridge. `parts` are the two sides;
 *   `edgeBetweenness` is the link's normalised edge betweenness on the view (Brandes 2008), the
 *   share of shortest paths between local firms that cross it.
 * - `external-only`: a segment the cluster holds whose local buyers (cluster firms in the
 *   segments it feeds) buy it only from outside the cluster (see `segmentSupplyOrigins`).
 *
 * Findings are facts (ids and numbers); report/render/sentences.ts (`weakLinkText`) says them in
 * a sentence, in the report's language.
 *
 * Provenance: every finding that rests on supply edges (cut-point, bridge, external-only) says
 * how many relations it rests on (`edges`) and how many of them are inferred (`inferredEdges`).
 * Documented in docs/chain-analysis/weak-links.md.
 */
import type { WeakLinkKind } from './kinds.js';
import { cutPoints } from '../metrics/cutpoints.js';
import type { ChainContext } from './context.js';
import { isInferredRelation } from './context.js';
import { segmentsOf } from './membership.js';
import type { LocalViewOptions } from './local-view.js';
import { localSupplyView } from './local-view.js';
import type { SegmentTableOptions } from './segments.js';
import { segmentTable } from './segments.js';
import { compareIds } from './common.js';

export interface WeakLinkOptions extends SegmentTableOptions, LocalViewOptions {
  /** `edgeBetweenness` boolean [true]: give each bridge its normalised edge betweenness. */
  edgeBetweenness?: boolean;
}

export interface WeakLink {
  kind: WeakLinkKind;
  /** Segment id (single-source, concentrated, external-only). */
  segment?: string;
  /** Company id (single-source: the one firm; cut-point: the articulation point). */
  company?: string;
  /** Bridge ends as company ids, in the direction of the supply relation. */
  source?: string;
  target?: string;
  /** cut-point: the segments the company holds (ids, template order). */
  segments?: string[];
  /** bridge: local companies on the source's side and on the target's side. */
  sourceSide?: number;
  targetSide?: number;
  /** single-source, concentrated: n_s. */
  companies?: number;
  /** concentrated: HHI_s and N_eff. */
  hhi?: number;
  effective?: number;
  /** cut-point: sizes of the pieces its removal leaves (largest first); bridge: the two sides. */
  parts?: number[];
  /** cut-point, bridge: companies outside the largest remaining piece. */
  separated?: number;
  /** bridge: normalised edge betweenness on the view (when computed). */
  edgeBetweenness?: number;
  /** external-only: local buyers of the segment, and distinct outside suppliers. */
  buyers?: number;
  externalSuppliers?: number;
  /** cut-point, bridge, external-only: relations the finding rests on, and how many are inferred. */
  edges?: number;
  inferredEdges?: number;
}

/** The weak links of the context's cluster, kinds in DESIGN order. See the module notes. */
export function weakLinks(ctx: ChainContext, options: WeakLinkOptions = {}): WeakLink[] {
  const { dataset } = ctx;
  const ids = dataset.companies.ids;
  const rows = segmentTable(ctx, options);
  const out: WeakLink[] = [];

  // Segment kinds, in template order.
  rows.forEach((row, s) => {
    if (row.reasons.includes('single-source')) {
      const c = ctx.localMembers[s]![0]!;
      out.push({
        kind: 'single-source',
        segment: row.id,
        company: ids[c]!,
        companies: 1,
      });
    }
  });
  rows.forEach((row) => {
    if (row.reasons.includes('concentrated')) {
      out.push({
        kind: 'concentrated',
        segment: row.id,
        companies: row.companies,
        hhi: row.hhi!,
        effective: row.effective,
      });
    }
  });

  // Cut points and bridges of the local supply view.
  const view = localSupplyView(ctx, options);
  const { compact, graph } = view;
  const n = graph.n;
  // One depth-first search gives the cut points, the bridges and what each cut leaves behind.
  const cp = cutPoints(graph);
  const cutRows: Array<{ row: WeakLink; separated: number; id: string }> = [];
  cp.articulationPoints.forEach((v, i) => {
    const parts = Array.from(cp.pieceSizes.subarray(cp.pieceOffsets[i]!, cp.pieceOffsets[i + 1]!));
    const separated = parts.slice(1).reduce((a, b) => a + b, 0);
    let edges = 0;
    let inferred = 0;
    for (let e = compact.outOffsets[v]!; e < compact.outOffsets[v + 1]!; e++) {
      if (compact.outTargets[e] === v) continue;
      edges++;
      if (isInferredRelation(ctx, compact.outRelations[e]!)) inferred++;
    }
    for (let e = compact.inOffsets[v]!; e < compact.inOffsets[v + 1]!; e++) {
      if (compact.inSources[e] === v) continue;
      edges++;
      if (isInferredRelation(ctx, compact.inRelations[e]!)) inferred++;
    }
    const c = compact.companyOf[v]!;
    const segs = Array.from(segmentsOf(ctx.membership, c), (s) => ctx.structure.ids[s]!);
    cutRows.push({
      id: ids[c]!,
      separated,
      row: {
        kind: 'cut-point',
        company: ids[c]!,
        segments: segs,
        parts,
        separated,
        edges,
        inferredEdges: inferred,
      },
    });
  });
  cutRows.sort((a, b) => b.separated - a.separated || compareIds(a.id, b.id));
  for (const r of cutRows) out.push(r.row);

  // A bridge with sides a and b lies on every shortest path between the a·b pairs it joins and
  // on no other: its normalised edge betweenness (Brandes 2008, as NetworkX) is 2ab / (n(n − 1)),
  // exact without running Brandes' O(n·m) search (tested against edgeBetweenness).
  const withEb = options.edgeBetweenness ?? true;
  const bridgeRows: Array<{ row: WeakLink; small: number; key: [string, string] }> = [];
  for (let i = 0; i < cp.bridgeSources.length; i++) {
    const a = cp.bridgeSources[i]!;
    const b = cp.bridgeTargets[i]!;
    // A bridge merges exactly one relation: find it to know its direction and provenance.
    let source = a;
    let target = b;
    let relation = -1;
    for (let e = compact.outOffsets[a]!; e < compact.outOffsets[a + 1]!; e++) {
      if (compact.outTargets[e] === b) relation = compact.outRelations[e]!;
    }
    if (relation < 0) {
      source = b;
      target = a;
      for (let e = compact.outOffsets[b]!; e < compact.outOffsets[b + 1]!; e++) {
        if (compact.outTargets[e] === a) relation = compact.outRelations[e]!;
      }
    }
    const inferred = isInferredRelation(ctx, relation) ? 1 : 0;
    const sa = cp.bridgeSides[source === a ? 2 * i : 2 * i + 1]!;
    const sb = cp.bridgeSides[source === a ? 2 * i + 1 : 2 * i]!;
    const parts = [Math.max(sa, sb), Math.min(sa, sb)];
    const cs = compact.companyOf[source]!;
    const ct = compact.companyOf[target]!;
    const row: WeakLink = {
      kind: 'bridge',
      source: ids[cs]!,
      target: ids[ct]!,
      sourceSide: sa,
      targetSide: sb,
      parts,
      separated: parts[1]!,
      edges: 1,
      inferredEdges: inferred,
    };
    if (withEb) row.edgeBetweenness = (2 * sa * sb) / (n * (n - 1));
    bridgeRows.push({ row, small: parts[1]!, key: [ids[cs]!, ids[ct]!] });
  }
  bridgeRows.sort(
    (x, y) => y.small - x.small || compareIds(x.key[0], y.key[0]) || compareIds(x.key[1], y.key[1]),
  );
  for (const r of bridgeRows) out.push(r.row);

  rows.forEach((row) => {
    if (!row.reasons.includes('external-only')) return;
    const o = row.supply;
    out.push({
      kind: 'external-only',
      segment: row.id,
      companies: row.companies,
      buyers: o.buyers,
      externalSuppliers: o.externalSuppliers,
      edges: o.edges,
      inferredEdges: o.inferredEdges,
    });
  });
  return out;
}
