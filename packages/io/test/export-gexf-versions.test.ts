/**
 * GEXF in both versions `toGexf` writes, on cn-listed's 浙江 cluster with its metrics: 1.2draft
 * read by NetworkX (Debian's python3-networkx: 2.8 is what said "No <graph> element" of the old
 * 1.3 file) with the same nodes, labels, typed attributes, edges and weights as the export
 * graph; 1.3 in its own namespace with the drawing in the viz namespace, read by
 * graphology-gexf; an unknown version refused.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RELATION_TYPES, buildMetricGraph, clusterByRegion, metricsTable } from '@chainlens/core';
import type { ExportGraph, GexfVersion } from '@chainlens/io';
import { GEXF13_NAMESPACE, buildExportGraph, exportCell, toGexf } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import { readGexf, readGexfNetworkx, validateXml } from './export-readers.js';

const CN_LISTED = fileURLToPath(new URL('../../../datasets/cn-listed', import.meta.url));

function zhejiang(): ExportGraph {
  const { dataset } = readDataset(CN_LISTED);
  const cluster = clusterByRegion(dataset.companies, '浙江');
  const types = [...RELATION_TYPES];
  const mg = buildMetricGraph(dataset, { types, nodes: cluster.members });
  const graph = buildExportGraph(dataset, {
    types,
    nodes: cluster.members,
    region: '浙江',
    metrics: { graph: mg, table: metricsTable(mg, { seed: 1 }) },
  });
  // The viewer's drawing: a colour, size and position per node, a thickness per edge.
  const viz = {
    nodes: Array.from({ length: graph.nodes.rows }, (_, i) => ({
      color: i % 2 ? '#1f77b4' : 'rgb(255, 127, 14)',
      size: 1 + (i % 7),
      x: i,
      y: -i / 2,
    })),
    edges: Array.from({ length: graph.edges.rows }, (_, i) => ({ thickness: 1 + (i % 3) })),
  };
  return { ...graph, viz };
}

const column = (g: ExportGraph, cls: 'nodes' | 'edges', name: string) =>
  g[cls].columns.find((c) => c.name === name)!;

describe('GEXF 1.2draft and 1.3', () => {
  const graph = zhejiang();

  it('1.2draft: NetworkX reads every node, label, typed metric and edge weight', () => {
    const text = toGexf(graph);
    expect(validateXml({ text }, 'gexf.xsd')).toBe('');
    const nx = readGexfNetworkx(text);
    expect(nx.directed).toBe(true);
    const ids = column(graph, 'nodes', 'id');
    const names = column(graph, 'nodes', 'name');
    const pagerank = column(graph, 'nodes', 'pagerank');
    expect(Object.keys(nx.nodes).length).toBe(graph.nodes.rows);
    expect(graph.nodes.rows).toBeGreaterThan(100);
    for (let i = 0; i < graph.nodes.rows; i++) {
      const n = nx.nodes[exportCell(ids, i)!]!;
      expect(n, exportCell(ids, i)).toBeDefined();
      expect(n.label).toBe(exportCell(names, i));
      // a double stays a number in NetworkX (typed by the declaration, not by the text)
      expect(n.pagerank).toBeCloseTo(Number(exportCell(pagerank, i)), 12);
    }
    const src = column(graph, 'edges', 'source');
    const tgt = column(graph, 'edges', 'target');
    const weight = column(graph, 'edges', 'weight');
    const want = new Map<string, number>();
    for (let i = 0; i < graph.edges.rows; i++)
      want.set(`${exportCell(src, i)}→${exportCell(tgt, i)}`, Number(exportCell(weight, i)));
    // NetworkX's DiGraph keeps one edge per ordered pair.
    expect(nx.edges.length).toBe(want.size);
    for (const [u, v, d] of nx.edges) expect(d.weight, `${u}→${v}`).toBe(want.get(`${u}→${v}`));
  });

  it('1.3: own namespace, drawing in viz:, read back by graphology-gexf', () => {
    const text = toGexf(graph, { version: '1.3' });
    expect(text).toContain(`<gexf xmlns="${GEXF13_NAMESPACE}"`);
    expect(text).toContain('version="1.3"');
    expect(text).toMatch(/<viz:position x="/);
    expect(text).not.toMatch(/<(color|position|size|thickness) /);
    const g = readGexf(text);
    expect(g.order).toBe(graph.nodes.rows);
    expect(g.size).toBe(graph.edges.rows);
    const id1 = exportCell(column(graph, 'nodes', 'id'), 1)!;
    expect(g.getNodeAttributes(id1)).toMatchObject({
      label: exportCell(column(graph, 'nodes', 'name'), 1),
      color: 'rgb(31,119,180)',
      size: 2,
      x: 1,
      y: -0.5,
    });
    expect(() => toGexf(graph, { version: '1.1' as GexfVersion })).toThrow(/GEXF version 1.1/);
  });
});
