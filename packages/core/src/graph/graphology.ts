/**
 * The graphology model of a view: a `MultiDirectedGraph` keyed by company id, for the viewer
 * (sigma draws it), for edits and what-if in the browser, for GEXF export, and for graphology
 * algorithms where they are the better choice (Louvain). Build it for a cluster or a
 * subgraph; the compact graph is the engine's representation of the whole data.
 */
import { MultiDirectedGraph } from 'graphology';
import type { GraphView } from './compact.js';
import { buildCompactGraph } from './compact.js';
import type { Dataset, RelationType } from './types.js';
import { RELATION_TYPES, setOwn } from './types.js';

export interface CompanyNodeAttributes {
  name: string;
  region: string;
  [attribute: string]: string;
}

export interface RelationEdgeAttributes {
  type: RelationType;
  weight: number;
  /** Row of the relation in the dataset's relation table. */
  relation: number;
  [attribute: string]: string | number;
}

export type ChainGraph = MultiDirectedGraph<CompanyNodeAttributes, RelationEdgeAttributes>;

/** Builds the graphology graph of a view; edge keys are `r<relation row>`, so they are stable. */
export function toGraphology(dataset: Dataset, view: GraphView = {}): ChainGraph {
  const compact = buildCompactGraph(dataset, view);
  const { companies, relations } = dataset;
  const graph: ChainGraph = new MultiDirectedGraph<CompanyNodeAttributes, RelationEdgeAttributes>();
  const attrNames = Object.keys(companies.attributes);
  for (let u = 0; u < compact.n; u++) {
    const c = compact.companyOf[u]!;
    const attrs: CompanyNodeAttributes = {
      name: companies.names[c]!,
      region: companies.regions[c]!,
    };
    for (const a of attrNames) setOwn(attrs, a, companies.attributes[a]![c]!);
    graph.addNode(companies.ids[c]!, attrs);
  }
  const relAttrNames = Object.keys(relations.attributes);
  for (let u = 0; u < compact.n; u++) {
    const sourceId = companies.ids[compact.companyOf[u]!]!;
    for (let k = compact.outOffsets[u]!; k < compact.outOffsets[u + 1]!; k++) {
      const r = compact.outRelations[k]!;
      const attrs: RelationEdgeAttributes = {
        type: RELATION_TYPES[relations.type[r]!]!,
        weight: relations.weight[r]!,
        relation: r,
      };
      for (const a of relAttrNames) setOwn(attrs, a, relations.attributes[a]![r]!);
      graph.addDirectedEdgeWithKey(
        `r${r}`,
        sourceId,
        companies.ids[compact.companyOf[compact.outTargets[k]!]!]!,
        attrs,
      );
    }
  }
  return graph;
}
