/**
 * Per-community summary of a partition of a dataset view: size, top companies by a node
 * score (PageRank, typically), dominant regions and segments, and how well the partition
 * agrees with the regions and with the segments (NMI, ARI; see partition-agreement.ts).
 *
 * Conventions:
 * - Regions are cut to their first `regionLevel` levels (`浙江/绍兴/柯桥` → `浙江` at level 1);
 *   a shorter path counts as it is; companies with an empty region count in the community's
 *   size but in no region (`regionKnown` says how many have one).
 * - Segments are the membership table's `segment` strings (segment ids or product names, as
 *   the dataset gives them). By default (`segmentWeight: 'count'`) a segment's weight in a
 *   community is the number of its companies with at least one membership in it; with
 *   `'share'` it is the sum of their shares (a missing share, NaN, counts as 1). Either way
 *   `share` = weight / community size.
 * - Agreement with regions uses the nodes that have a region; agreement with segments the
 *   nodes that have a membership, each labelled by its main segment (largest share, NaN as 0,
 *   ties by segment name).
 * - Every list is sorted by weight (or score; NaN scores last) descending, ties by id / name ascending
 *   (code-unit order), so the summary is deterministic.
 */
import type { MetricGraph } from '../graph/snapshot.js';
import type { Dataset } from '../graph/types.js';
import { adjustedRandIndex, normalizedMutualInformation } from './partition-agreement.js';

export interface CommunitySummaryOptions {
  /** `top` number [5]: companies listed per community, by descending score. */
  top?: number;
  /** `topRegions` number [3]: regions listed per community. */
  topRegions?: number;
  /** `topSegments` number [3]: segments listed per community. */
  topSegments?: number;
  /** `regionLevel` number [1]: region path levels kept (1 = province). */
  regionLevel?: number;
  /** `segmentWeight` 'count' | 'share' ['count']: how a segment's weight is summed. */
  segmentWeight?: 'count' | 'share';
}

export interface TopCompany {
  node: number;
  /** Company index in the dataset, its id and name. */
  company: number;
  id: string;
  name: string;
  score: number;
}

export interface WeightedLabel {
  label: string;
  /** Companies (regions; segments by count) or summed shares (segments by share). */
  weight: number;
  /** weight / community size. */
  share: number;
}

export interface CommunitySummary {
  community: number;
  size: number;
  /** Companies of the community that have a region. */
  regionKnown: number;
  top: TopCompany[];
  regions: WeightedLabel[];
  segments: WeightedLabel[];
}

export interface Agreement {
  /** Nodes that took part (those with a region / a segment). */
  nodes: number;
  nmi: number;
  ari: number;
}

export interface CommunitiesSummary {
  communities: CommunitySummary[];
  /** Partition vs. region (cut at `regionLevel`), over nodes with a region. */
  regionAgreement: Agreement;
  /** Partition vs. main segment, over nodes with a membership. */
  segmentAgreement: Agreement;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function topLabels(counts: Map<string, number>, size: number, k: number): WeightedLabel[] {
  return [...counts]
    .sort((x, y) => y[1] - x[1] || byCodeUnit(x[0], y[0]))
    .slice(0, k)
    .map(([label, weight]) => ({ label, weight, share: weight / size }));
}

function agreement(community: Int32Array, labels: (string | undefined)[]): Agreement {
  const a: number[] = [];
  const b: string[] = [];
  labels.forEach((label, v) => {
    if (label !== undefined) {
      a.push(community[v]!);
      b.push(label);
    }
  });
  return {
    nodes: a.length,
    nmi: normalizedMutualInformation(a, b),
    ari: adjustedRandIndex(a, b),
  };
}

/**
 * Summarises the communities of `community` (labels 0..k-1 per node of `graph`, as `louvain`
 * returns them) on `dataset`, whose company `graph.companyOf[v]` node v is; `score` is a
 * per-node score such as PageRank. Communities come in label order. O(n log n + memberships).
 */
export function summarizeCommunities(
  graph: MetricGraph,
  dataset: Dataset,
  community: Int32Array,
  score: ArrayLike<number>,
  options: CommunitySummaryOptions = {},
): CommunitiesSummary {
  const top = options.top ?? 5;
  const topRegions = options.topRegions ?? 3;
  const topSegments = options.topSegments ?? 3;
  const level = options.regionLevel ?? 1;
  const byShare = (options.segmentWeight ?? 'count') === 'share';
  const { n, companyOf } = graph;
  const { companies, memberships } = dataset;
  if (community.length !== n || score.length !== n) {
    throw new Error(`need one community and one score per node (${n})`);
  }
  let k = 0;
  for (const c of community) {
    if (!Number.isInteger(c) || c < 0) throw new Error(`community label ${c} is not in 0..k-1`);
    k = Math.max(k, c + 1);
  }

  // Region of each node, cut to `level`; undefined when unknown.
  const region = Array.from({ length: n }, (_, v) => {
    const path = companies.regions[companyOf[v]!]!;
    return path === '' ? undefined : path.split('/').slice(0, level).join('/');
  });

  // Memberships per node: segment → weight (a company counts once per segment by count).
  const nodeOf = new Int32Array(companies.ids.length).fill(-1);
  for (let v = 0; v < n; v++) nodeOf[companyOf[v]!] = v;
  const nodeSegments: (Map<string, number> | undefined)[] = new Array(n);
  const mainSegment: (string | undefined)[] = new Array(n).fill(undefined);
  const mainShare = new Float64Array(n).fill(-1);
  for (let r = 0; r < memberships.company.length; r++) {
    const v = nodeOf[memberships.company[r]!]!;
    if (v < 0) continue;
    const segment = memberships.segment[r]!;
    const share = memberships.share[r]!;
    const m = (nodeSegments[v] ??= new Map());
    const w = byShare ? (Number.isNaN(share) ? 1 : share) : 1;
    m.set(segment, byShare ? (m.get(segment) ?? 0) + w : 1);
    const s = Number.isNaN(share) ? 0 : share;
    const current = mainSegment[v];
    if (current === undefined || s > mainShare[v]! || (s === mainShare[v] && segment < current)) {
      mainSegment[v] = segment;
      mainShare[v] = s;
    }
  }

  // Nodes grouped by community (counting sort), each group sorted by score, then id.
  const start = new Int32Array(k + 1);
  for (const c of community) start[c + 1]!++;
  for (let c = 0; c < k; c++) start[c + 1]! += start[c]!;
  const next = start.slice(0, k);
  const members = new Int32Array(n);
  for (let v = 0; v < n; v++) members[next[community[v]!]!++] = v;

  const summaries: CommunitySummary[] = [];
  for (let c = 0; c < k; c++) {
    const nodes = Array.from(members.subarray(start[c]!, start[c + 1]!));
    const size = nodes.length;
    const idOf = (v: number) => companies.ids[companyOf[v]!]!;
    const key = (v: number) => (Number.isNaN(score[v]) ? -Infinity : score[v]!);
    const ranked = nodes
      .sort((x, y) => key(y) - key(x) || byCodeUnit(idOf(x), idOf(y)))
      .slice(0, top);
    const regions = new Map<string, number>();
    const segments = new Map<string, number>();
    let regionKnown = 0;
    for (const v of nodes) {
      const r = region[v];
      if (r !== undefined) {
        regionKnown++;
        regions.set(r, (regions.get(r) ?? 0) + 1);
      }
      const m = nodeSegments[v];
      if (m) for (const [s, w] of m) segments.set(s, (segments.get(s) ?? 0) + w);
    }
    summaries.push({
      community: c,
      size,
      regionKnown,
      top: ranked.map((v) => ({
        node: v,
        company: companyOf[v]!,
        id: idOf(v),
        name: companies.names[companyOf[v]!]!,
        score: score[v]!,
      })),
      regions: topLabels(regions, size, topRegions),
      segments: topLabels(segments, size, topSegments),
    });
  }
  return {
    communities: summaries,
    regionAgreement: agreement(community, region),
    segmentAgreement: agreement(community, mainSegment),
  };
}
