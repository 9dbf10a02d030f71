/**
 * The Spark job (spark/chainlens_job.py) on a real standalone cluster: a master and two workers
 * on 127.0.0.1 started by spark/cluster.sh (stopped by PID in afterAll), the job submitted on
 * a generated graph of 10k edges (spark-graph.ts: dangling nodes, self-loops, parallel
 * edges, several components) through the bundle, the results joined back with DuckDB and
 * compared with the in-process metrics: PageRank and reverse PageRank within 1e-9 after the same
 * fixed number of iterations, components and core numbers identical. Spark is needed: without
 * Java or pyspark (`bash spark/install.sh`) the test fails, naming the install command; it never
 * skips. It takes minutes (docs/spark.md gives the measured time).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMetricGraph,
  coreNumber,
  pagerank,
  pagerankReverse,
  weaklyConnectedComponents,
} from '@chainlens/core';
import { readDataset } from '@chainlens/io/node';
import type { SparkEnvironment, SparkEvent } from '@chainlens/scale';
import {
  SPARK_DIR,
  readSparkResults,
  sparkEnvironment,
  sparkSubmit,
  writeBundle,
} from '@chainlens/scale';
import { generateSparkGraph } from './spark-graph.js';

const ITERATIONS = 12;
const work = mkdtempSync(join(tmpdir(), 'chainlens-spark-'));
const state = join(work, 'cluster');
let master = '';
let spark: SparkEnvironment | undefined;
let setupError: unknown;

beforeAll(() => {
  try {
    spark = sparkEnvironment();
    master = execFileSync('bash', [join(SPARK_DIR, 'cluster.sh'), 'start', state], {
      encoding: 'utf8',
      // JVMs start slowly on a loaded machine: the script's own bounded wait, then ours.
      env: { ...process.env, CHAINLENS_PYTHON: spark.python, START_TIMEOUT: '540' },
      timeout: 600_000,
    }).trim();
  } catch (e) {
    setupError = e;
  }
}, 620_000);

afterAll(() => {
  execFileSync('bash', [join(SPARK_DIR, 'cluster.sh'), 'stop', state], { timeout: 60_000 });
  rmSync(work, { recursive: true, force: true });
}, 70_000);

// 10k edges only: on this 2-core machine the 10k case takes 260 s of spark-submit (Spark's fixed
// cost per superstep dominates) and the 200k case was not seen to finish within the CI budget.
// Larger graphs are run by hand (docs/spark.md).
describe.each([{ edges: 10_000, nodes: 3_000, seed: 11 }])(
  'Spark job on a standalone cluster, $edges edges',
  ({ edges, nodes, seed }) => {
    it('matches the in-process metrics', async () => {
      if (setupError !== undefined) {
        throw new Error(
          spark === undefined
            ? `Spark cannot run here: ${String(setupError)}`
            : `the standalone cluster did not start: ${String(setupError)}`,
        );
      }
      expect(master).toMatch(/^spark:\/\/127\.0\.0\.1:\d+$/);
      const graphFile = join(work, `edges-${edges}.csv`);
      writeFileSync(graphFile, generateSparkGraph(nodes, edges, seed).csv);
      const { dataset } = readDataset(graphFile);
      const bundle = join(work, `bundle-${edges}`);
      const results = join(bundle, 'results');
      await writeBundle(dataset, bundle, {
        types: ['supply'],
        pagerank: { tol: 0, maxIter: ITERATIONS },
        labelPropagation: { maxIter: 5 },
      });
      let last: SparkEvent | undefined;
      const submitted = await sparkSubmit(spark!, {
        bundle,
        results,
        master,
        conf: ['spark.executor.memory=768m', 'spark.cores.max=2'],
        onEvent: (event) => (last = event),
        // Bounded: spark-submit is stopped by its PID before the test's own limit.
        timeoutMs: 1_200_000,
      });
      if (submitted.code !== 0) {
        throw new Error(`${JSON.stringify(last)}\n${submitted.stderrTail.join('\n')}`);
      }
      expect(submitted.ui).toMatch(/^http:\/\//);

      const rows: { id: string; values: (number | null)[] }[] = [];
      let columns: string[] = [];
      const joined = await readSparkResults(bundle, results, (chunk, cols) => {
        rows.push(...chunk);
        columns = cols;
      });
      const graph = buildMetricGraph(dataset, { types: ['supply'] });
      expect(joined.rows).toBe(graph.n);
      const col = (name: string) => rows.map((r) => r.values[columns.indexOf(name)]!);
      rows.forEach((r, v) => expect(r.id).toBe(dataset.companies.ids[graph.companyOf[v]!]));

      // PageRank both ways: the same fixed number of iterations, within 1e-9.
      const options = { tol: 0, maxIter: ITERATIONS };
      for (const [name, expected] of [
        ['pagerank', pagerank(graph, options)],
        ['pagerank_reverse', pagerankReverse(graph, options)],
      ] as const) {
        const got = col(name);
        let worst = 0;
        for (let v = 0; v < graph.n; v++)
          worst = Math.max(worst, Math.abs(got[v]! - expected.scores[v]!));
        expect(worst, name).toBeLessThan(1e-9);
      }
      const manifest = JSON.parse(readFileSync(join(results, 'manifest.json'), 'utf8'));
      expect(manifest.algorithms.pagerank.iterations).toBe(ITERATIONS);
      expect(manifest.master).toBe(master);

      // Components (numbered by smallest node index) and core numbers: identical.
      const wcc = weaklyConnectedComponents(graph);
      expect(wcc.count).toBeGreaterThan(5);
      expect(col('component')).toEqual(Array.from(wcc.component));
      const core = coreNumber(graph);
      expect(core.reduce((a, b) => Math.max(a, b), 0)).toBeGreaterThan(2);
      expect(col('core')).toEqual(Array.from(core));

      // Label propagation: each community lies inside one component.
      const lpa = col('community_lpa');
      const componentOf = new Map<number, number>();
      for (let v = 0; v < graph.n; v++) {
        const c = componentOf.get(lpa[v]!);
        if (c === undefined) componentOf.set(lpa[v]!, wcc.component[v]!);
        else expect(c).toBe(wcc.component[v]);
      }
      expect(componentOf.size).toBeGreaterThanOrEqual(wcc.count);
      console.log(
        `spark ${edges} edges: ${graph.n} nodes, ${graph.arcs} arcs; spark-submit ${submitted.seconds.toFixed(1)} s (job ${manifest.seconds} s)`,
      );
    }, 1_320_000);
  },
);
