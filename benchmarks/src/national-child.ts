/**
 * One process of the national-scale benchmark (national-bench.ts runs it): loads a generated
 * dataset folder with the streaming ingest, builds the lean metric snapshot, and runs the
 * asked metrics one after the other, timing each and reading the process's RSS after it and
 * its peak so far. Prints one JSON line (ChildReport) on stdout; progress lines go to stderr.
 *
 *   node benchmarks/dist/national-child.js --dir benchmarks/out/national-500k-s42 \
 *     --steps snapshot,degree,pagerank,wcc [--relations relations.parquet] [--engine js]
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import type { MetricGraph } from '@chainlens/core';
import {
  betweenness,
  buildMetricGraph,
  coreNumber,
  cutPoints,
  degree,
  hits,
  louvain,
  pagerank,
  pagerankReverse,
  stronglyConnectedComponents,
  weaklyConnectedComponents,
} from '@chainlens/core';
import type { Progress } from '@chainlens/scale';
import { betweennessParallel, ingestDataset, pagerankParallel } from '@chainlens/scale';

export interface StepReport {
  name: string;
  seconds: number;
  /** RSS after the step, and the process's peak RSS so far (bytes). */
  rss: number;
  peakRss: number;
  info: Record<string, unknown>;
}

export interface ChildReport {
  dir: string;
  relations: string;
  engine: string;
  checked: number;
  companies: number;
  relationRows: number;
  memberships: number;
  arcs: number;
  edges: number;
  ingest: Record<string, number>;
  steps: StepReport[];
  peakRss: number;
  load: number[];
}

const PAGERANK = { tol: 1e-10, maxIter: 1000 }; // the metrics table's settings

/** The CLI's progress reporter (plain lines on stderr) when built, else nothing. */
async function cliProgress(): Promise<Progress | undefined> {
  try {
    const url = new URL('../../packages/cli/dist/progress.js', import.meta.url);
    const module = (await import(url.href)) as {
      createProgress: (o: { stream?: NodeJS.WriteStream; interval?: number }) => Progress;
    };
    return module.createProgress({ stream: process.stderr, interval: 10_000 });
  } catch {
    return undefined;
  }
}

/** PageRank progress in decades of the L1 change still to go (linear convergence ⇒ fair ETA). */
function decades(progress: Progress | undefined, label: string, target: number) {
  let first = 0;
  return (iteration: number, error: number) => {
    if (!progress) return;
    if (iteration === 1) {
      first = error;
      progress.start(
        `${label} (decades of the L1 change to ${target.toExponential(0)})`,
        Math.max(1, Math.ceil(Math.log10(first / target))),
      );
    } else progress.update(Math.max(0, Math.floor(Math.log10(first / error))));
  };
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: 'string' },
      relations: { type: 'string' },
      engine: { type: 'string', default: 'auto' },
      steps: { type: 'string', default: '' },
      workers: { type: 'string', default: '2' },
      k: { type: 'string', default: '256' },
      'keep-relations': { type: 'boolean', default: false },
    },
  });
  if (!values.dir) throw new Error('--dir is required');
  const workers = Number(values.workers);
  const BETWEENNESS_K = Number(values.k);
  const steps = values.steps.split(',').filter(Boolean);
  const progress = await cliProgress();
  const reports: StepReport[] = [];
  let t = performance.now();
  const step = (name: string, info: Record<string, unknown> = {}) => {
    const now = performance.now();
    const usage = process.resourceUsage();
    reports.push({
      name,
      seconds: (now - t) / 1000,
      rss: process.memoryUsage().rss,
      peakRss: usage.maxRSS * 1024,
      info,
    });
    process.stderr.write(
      `${name}: ${((now - t) / 1000).toFixed(2)} s, RSS ${(process.memoryUsage().rss / 2 ** 30).toFixed(2)} GiB\n`,
    );
    t = performance.now();
  };
  const load = loadavg();
  const ingest = await ingestDataset(values.dir, {
    ...(values.relations ? { relations: values.relations } : {}),
    engine: values.engine === 'js' ? 'js' : 'auto',
    ...(progress ? { progress } : {}),
  });
  step('ingest', { engine: ingest.relationsEngine, errors: ingest.report.errors });
  const { dataset } = ingest;

  let graph: MetricGraph | undefined;
  const g = () => graph!;
  let pr: Float64Array | undefined;
  for (const name of steps) {
    t = performance.now();
    progress?.start(name, 0);
    switch (name) {
      case 'snapshot':
        graph = buildMetricGraph(dataset, {}, { shared: true });
        // The metrics need the snapshot and the company table only: a metrics run lets the
        // relation columns go (17 bytes a relation: 850 MB at 50M).
        if (values['keep-relations'] !== true) {
          dataset.relations = {
            source: new Int32Array(0),
            target: new Int32Array(0),
            type: new Uint8Array(0),
            weight: new Float64Array(0),
            attributes: {},
          };
        }
        progress?.stop();
        step(name, { arcs: graph.arcs, edges: graph.edges });
        break;
      case 'degree': {
        const d = degree(g());
        let max = 0;
        for (const x of d.total) if (x > max) max = x;
        progress?.stop();
        step(name, { maxTotal: max });
        break;
      }
      case 'pagerank': {
        progress?.stop();
        const r = pagerank(g(), PAGERANK);
        pr = r.scores;
        step(name, { iterations: r.iterations, converged: r.converged });
        break;
      }
      case 'pagerank-parallel': {
        progress?.stop();
        const r = await pagerankParallel(g(), {
          ...PAGERANK,
          workers,
          onIteration: decades(progress, 'pagerank', g().n * PAGERANK.tol),
        });
        progress?.stop();
        step(name, {
          iterations: r.iterations,
          workers,
          identical: pr ? isDeepStrictEqual(r.scores, pr) : null,
        });
        break;
      }
      case 'pagerank-reverse': {
        const r = pagerankReverse(g(), PAGERANK);
        progress?.stop();
        step(name, { iterations: r.iterations });
        break;
      }
      case 'hits': {
        const r = hits(g());
        progress?.stop();
        step(name, { iterations: r.iterations, converged: r.converged });
        break;
      }
      case 'wcc': {
        const r = weaklyConnectedComponents(g());
        progress?.stop();
        step(name, { count: r.count, largest: r.sizes[r.largest] });
        break;
      }
      case 'scc': {
        const r = stronglyConnectedComponents(g());
        progress?.stop();
        step(name, { count: r.count, largest: r.sizes[r.largest] });
        break;
      }
      case 'kcore': {
        const core = coreNumber(g());
        let max = 0;
        for (const c of core) if (c > max) max = c;
        progress?.stop();
        step(name, { maxCore: max });
        break;
      }
      case 'cutpoints': {
        const r = cutPoints(g());
        progress?.stop();
        step(name, { articulation: r.articulationPoints.length, bridges: r.bridgeSources.length });
        break;
      }
      case 'betweenness': {
        progress?.stop();
        let started = false;
        const r = await betweennessParallel(g(), {
          k: Math.min(BETWEENNESS_K, g().n),
          seed: 1,
          workers,
          onSlice: (done, total) => {
            if (!started)
              progress?.start(`betweenness (k=${BETWEENNESS_K}, ${workers} workers)`, total);
            started = true;
            progress?.update(done);
          },
        });
        progress?.stop();
        step(name, { k: r.k, workers });
        break;
      }
      case 'betweenness-1': {
        const r = betweenness(g(), { k: Math.min(BETWEENNESS_K, g().n), seed: 1 });
        progress?.stop();
        step(name, { k: r.k });
        break;
      }
      case 'louvain': {
        const r = louvain(g(), { seed: 1 });
        progress?.stop();
        step(name, { count: r.count, modularity: r.modularity, split: r.split });
        break;
      }
      default:
        throw new Error(`unknown step '${name}'`);
    }
  }
  const report: ChildReport = {
    dir: values.dir,
    relations: values.relations ?? ingest.manifest.relations ?? '',
    engine: ingest.relationsEngine,
    checked: ingest.relationsChecked,
    companies: dataset.companies.ids.length,
    relationRows: ingest.report.tables.find((t) => t.table === 'relations')?.accepted ?? 0,
    memberships: dataset.memberships.company.length,
    arcs: graph?.arcs ?? 0,
    edges: graph?.edges ?? 0,
    ingest: ingest.seconds,
    steps: reports,
    peakRss: process.resourceUsage().maxRSS * 1024,
    load,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`national-child: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 1;
  });
}
