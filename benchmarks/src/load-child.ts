/**
 * One measurement process of the edge-list load benchmark (started by load-edge-list.js with
 * `--expose-gc --max-old-space-size=…`): reads one edge-list CSV once, cold, and prints one
 * JSON line of timings and memory figures on stdout.
 *
 *   node --expose-gc --max-old-space-size=1024 benchmarks/dist/load-child.js FILE NODES EDGES [--load-only]
 *
 * `--load-only` stops after buildCompactGraph (graph figures are then 0): for finding the
 * smallest heap the load itself needs.
 */
import { readFileSync } from 'node:fs';
import { buildCompactGraph, toGraphology } from '@chainlens/core';
import { loadEdgeList } from '@chainlens/io';

export interface ChildResult {
  /** readFileSync of the CSV, ms. */
  readMs: number;
  /** loadEdgeList (bytes → validated tables), ms. */
  loadMs: number;
  /** buildCompactGraph (CSR) of the loaded dataset, ms. */
  compactMs: number;
  /** toGraphology (MultiDirectedGraph; builds its own compact graph first), ms; 0 if skipped. */
  graphologyMs: number;
  /** heapUsed after a full GC before loading (code, modules), bytes. */
  heapBaseline: number;
  /** heapUsed after a full GC with the loaded dataset alive (file bytes dropped), bytes. */
  heapAfterLoad: number;
  /** ArrayBuffer memory (typed-array columns live here, outside the V8 heap) after load. */
  arrayBuffersAfterLoad: number;
  /** Peak RSS of the process up to the end of the load, bytes. */
  peakRssLoad: number;
  /** heapUsed after a full GC with dataset, compact graph and graphology graph alive; 0 if skipped. */
  heapAfterGraphology: number;
  /** Peak RSS of the whole process, bytes. */
  peakRssEnd: number;
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc');
  collect();
  collect();
}

const peakRss = () => process.resourceUsage().maxRSS * 1024;

function main(file: string, nodes: number, edges: number, graphology: boolean): ChildResult {
  gc();
  const heapBaseline = process.memoryUsage().heapUsed;

  let t = performance.now();
  let bytes: Uint8Array | undefined = readFileSync(file);
  const readMs = performance.now() - t;

  t = performance.now();
  const { dataset, report } = loadEdgeList(bytes, file);
  const loadMs = performance.now() - t;
  bytes = undefined;

  const table = report.tables[0]!;
  if (table.accepted !== edges || table.rejected !== 0 || dataset.companies.ids.length !== nodes)
    throw new Error(
      `${file}: expected ${edges} edges / ${nodes} nodes, loaded ${table.accepted} edges ` +
        `(${table.rejected} rejected) / ${dataset.companies.ids.length} nodes`,
    );
  const peakRssLoad = peakRss();
  gc();
  const afterLoad = process.memoryUsage();

  t = performance.now();
  const compact = buildCompactGraph(dataset);
  const compactMs = performance.now() - t;
  if (compact.m !== edges) throw new Error(`compact graph has ${compact.m} edges, not ${edges}`);

  let graphologyMs = 0;
  let heapAfterGraphology = 0;
  if (graphology) {
    t = performance.now();
    const graph = toGraphology(dataset);
    graphologyMs = performance.now() - t;
    if (graph.size !== edges) throw new Error(`graphology graph has ${graph.size} edges`);
    gc();
    heapAfterGraphology = process.memoryUsage().heapUsed;
  }

  return {
    readMs,
    loadMs,
    compactMs,
    graphologyMs,
    heapBaseline,
    heapAfterLoad: afterLoad.heapUsed,
    arrayBuffersAfterLoad: afterLoad.arrayBuffers,
    peakRssLoad,
    heapAfterGraphology,
    peakRssEnd: peakRss(),
  };
}

const [file, nodes, edges, flag] = process.argv.slice(2);
if (!file || !nodes || !edges || (flag !== undefined && flag !== '--load-only')) {
  console.error('usage: node --expose-gc load-child.js FILE NODES EDGES [--load-only]');
  process.exit(2);
}
console.log(JSON.stringify(main(file, Number(nodes), Number(edges), flag !== '--load-only')));
