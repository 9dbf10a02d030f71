/**
 * What the page asks about a loaded dataset besides the view: the region tree, one company's
 * details (memberships, metrics in the view, suppliers and customers over the whole dataset)
 * and search by name or id.
 */
import type { Dataset, RelationType } from '@chainlens/core';
import { RELATION_TYPES, buildCompactGraph, regionParts } from '@chainlens/core';
import type { CompactGraph } from '@chainlens/core';
import type { CompanyDetails, Neighbour, RegionNode, SearchHit } from '../protocol.js';
import type { ViewState } from './view.js';
import { isDrawn } from './view.js';
import { t } from '../i18n.js';

/** The region tree with company counts (a parent counts every company inside it). */
export function regionTree(dataset: Dataset): RegionNode {
  const root: RegionNode = { name: '', path: '', count: 0, children: [] };
  const index = new Map<string, RegionNode>([['', root]]);
  for (const region of dataset.companies.regions) {
    const parts = regionParts(region);
    root.count++;
    let parent = root;
    for (let i = 0; i < parts.length; i++) {
      const path = parts.slice(0, i + 1).join('/');
      let node = index.get(path);
      if (!node) {
        node = { name: parts[i]!, path, count: 0, children: [] };
        index.set(path, node);
        parent.children.push(node);
      }
      node.count++;
      parent = node;
    }
  }
  const sort = (n: RegionNode) => {
    n.children.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
    n.children.forEach(sort);
  };
  sort(root);
  return root;
}

/** Per-dataset indexes for details and search, built once after a load. */
export interface DatasetIndex {
  all: CompactGraph;
  /** Membership rows of each company: rows membershipRows[offsets[c] .. offsets[c+1]). */
  membershipOffsets: Int32Array;
  membershipRows: Int32Array;
  byId: Map<string, number>;
  lowerNames: string[];
}

export function indexDataset(dataset: Dataset): DatasetIndex {
  const n = dataset.companies.ids.length;
  const m = dataset.memberships;
  const offsets = new Int32Array(n + 1);
  for (let r = 0; r < m.company.length; r++) offsets[m.company[r]! + 1]!++;
  for (let c = 0; c < n; c++) offsets[c + 1]! += offsets[c]!;
  const next = offsets.slice(0, n);
  const rows = new Int32Array(m.company.length);
  for (let r = 0; r < m.company.length; r++) rows[next[m.company[r]!]!++] = r;
  const byId = new Map<string, number>();
  dataset.companies.ids.forEach((id, i) => byId.set(id, i));
  return {
    all: buildCompactGraph(dataset),
    membershipOffsets: offsets,
    membershipRows: rows,
    byId,
    lowerNames: dataset.companies.names.map((s) => s.toLowerCase()),
  };
}

const LIST_LIMIT = 200;
const MEMBERSHIP_LIMIT = 40;

const fmt = (x: number, digits = 3) =>
  x === 0 ? '0' : Math.abs(x) >= 0.001 ? x.toFixed(digits) : x.toExponential(2);

/** Details of one company; throws when the id is unknown. */
export function companyDetails(
  dataset: Dataset,
  index: DatasetIndex,
  view: ViewState | undefined,
  id: string,
): CompanyDetails {
  const c = index.byId.get(id);
  if (c === undefined) throw new Error(`no company with id ${id}`);
  const { companies, memberships, relations } = dataset;
  const inView = (other: number) => {
    if (!view) return false;
    return isDrawn(view, view.localOf[other]!);
  };

  // Neighbours over the whole dataset, every relation type, merged per company.
  const groups = {
    suppliers: new Map<number, Neighbour>(),
    customers: new Map<number, Neighbour>(),
    partners: new Map<number, Neighbour>(),
  };
  const add = (
    group: Map<number, Neighbour>,
    other: number,
    type: RelationType,
    weight: number,
  ) => {
    let n = group.get(other);
    if (!n) {
      n = {
        id: companies.ids[other]!,
        name: companies.names[other]!,
        region: companies.regions[other]!,
        types: [],
        weight: 0,
        inView: inView(other),
      };
      group.set(other, n);
    }
    if (!n.types.includes(type)) n.types.push(type);
    n.weight += weight;
  };
  const { all } = index;
  for (let k = all.outOffsets[c]!; k < all.outOffsets[c + 1]!; k++) {
    const type = RELATION_TYPES[relations.type[all.outRelations[k]!]!]!;
    add(
      type === 'collaboration' ? groups.partners : groups.customers,
      all.outTargets[k]!,
      type,
      all.outWeights[k]!,
    );
  }
  for (let k = all.inOffsets[c]!; k < all.inOffsets[c + 1]!; k++) {
    const type = RELATION_TYPES[relations.type[all.inRelations[k]!]!]!;
    add(
      type === 'collaboration' ? groups.partners : groups.suppliers,
      all.inSources[k]!,
      type,
      all.inWeights[k]!,
    );
  }
  let notListed = 0;
  const list = (g: Map<number, Neighbour>) => {
    const sorted = [...g.values()].sort(
      (a, b) =>
        Number(b.inView) - Number(a.inView) || b.weight - a.weight || (a.id < b.id ? -1 : 1),
    );
    notListed += Math.max(0, sorted.length - LIST_LIMIT);
    return sorted.slice(0, LIST_LIMIT);
  };

  const rows = index.membershipRows.subarray(
    index.membershipOffsets[c]!,
    index.membershipOffsets[c + 1]!,
  );
  const items = [...rows]
    .map((r) => ({ item: memberships.segment[r]!, share: memberships.share[r]! }))
    .sort((a, b) =>
      (Number.isNaN(a.share) ? -1 : a.share) > (Number.isNaN(b.share) ? -1 : b.share) ? -1 : 1,
    );

  const metrics: CompanyDetails['metrics'] = [];
  if (view) {
    const u = view.localOf[c]!;
    if (u >= 0) {
      const n = view.graph.n;
      const rank = (values: ArrayLike<number>) => {
        let better = 0;
        for (let v = 0; v < n; v++) if (values[v]! > values[u]!) better++;
        return t('viewer:metric.rank', {
          rank: (better + 1).toLocaleString('en'),
          n: n.toLocaleString('en'),
        });
      };
      metrics.push(
        { label: t('viewer:metric.suppliers'), value: String(view.degree.in[u]) },
        { label: t('viewer:metric.customers'), value: String(view.degree.out[u]) },
        {
          label: t('viewer:metric.partners'),
          value: `${view.degree.neighbours[u]} (${rank(view.degree.neighbours)})`,
        },
        { label: 'PageRank', value: `${fmt(view.pagerank[u]!, 4)} (${rank(view.pagerank)})` },
        {
          label: t('viewer:metric.community'),
          value: `#${view.community[u]! + 1} ${view.communityLabels[view.community[u]!]}`,
        },
      );
      if (view.betweenness) {
        const b = view.betweenness;
        metrics.push({
          label: b.exact
            ? t('viewer:metric.betweenness')
            : t('viewer:metric.betweennessSampled', { k: b.k }),
          value: `${fmt(b.values[u]!, 4)} (${rank(b.values)})`,
        });
      }
    } else {
      metrics.push({ label: t('viewer:metric.inView'), value: t('viewer:metric.notInView') });
    }
  }

  const attributes = Object.entries(companies.attributes)
    .map(([column, values]) => ({ column, value: values[c]! }))
    .filter((a) => a.value !== '');

  return {
    id,
    name: companies.names[c]!,
    region: companies.regions[c]!,
    attributes,
    memberships: items.slice(0, MEMBERSHIP_LIMIT),
    membershipsNotListed: Math.max(0, items.length - MEMBERSHIP_LIMIT),
    metrics,
    suppliers: list(groups.suppliers),
    customers: list(groups.customers),
    partners: list(groups.partners),
    neighboursNotListed: notListed,
  };
}

/**
 * Companies whose id or name contains the query (case-insensitive): exact id first, then names
 * that start with it, then the rest; within each, companies in the view first, then by name.
 */
export function searchCompanies(
  dataset: Dataset,
  index: DatasetIndex,
  view: ViewState | undefined,
  query: string,
  limit: number,
): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const { ids, names, regions } = dataset.companies;
  const scored: { c: number; score: number }[] = [];
  for (let c = 0; c < ids.length; c++) {
    const id = ids[c]!.toLowerCase();
    const name = index.lowerNames[c]!;
    let score = -1;
    if (id === q || name === q) score = 0;
    else if (name.startsWith(q) || id.startsWith(q)) score = 1;
    else if (name.includes(q) || id.includes(q)) score = 2;
    if (score >= 0) scored.push({ c, score });
  }
  const inView = (c: number) => {
    if (!view) return false;
    return isDrawn(view, view.localOf[c]!);
  };
  return scored
    .map((s) => ({ ...s, inView: inView(s.c) }))
    .sort(
      (a, b) =>
        a.score - b.score ||
        Number(b.inView) - Number(a.inView) ||
        names[a.c]!.length - names[b.c]!.length ||
        a.c - b.c,
    )
    .slice(0, limit)
    .map((s) => ({ id: ids[s.c]!, name: names[s.c]!, region: regions[s.c]!, inView: s.inView }));
}
