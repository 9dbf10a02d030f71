/**
 * `chainlens export --to bundle` and `chainlens spark` without a cluster: the bundle of cn-listed
 * read back with DuckDB and checked against the engine's metric snapshot of the same view (one
 * row per node in node order, the arcs with parallel relations summed, the relation type, the
 * job's PageRank parameters those of `chainlens metrics`), and the one-line errors: `--region`
 * refused for a bundle, and Java or pyspark missing named with the command that installs it.
 * The job itself runs on a real cluster in packages/scale/test/spark.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  METRICS_TABLE_PAGERANK,
  buildMetricGraph,
  defaultRelationView,
  relationTypesPresent,
} from '@chainlens/core';
import { readDataset } from '@chainlens/io/node';
import { closeDuck, openDuck } from '@chainlens/scale';
import { run } from '../src/program.js';

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'chainlens-spark-cli-'));
const saved = { python: process.env.CHAINLENS_PYTHON, java: process.env.JAVA_HOME };
afterEach(() => {
  for (const [key, value] of [
    ['CHAINLENS_PYTHON', saved.python],
    ['JAVA_HOME', saved.java],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('chainlens export --to bundle', () => {
  it(
    'writes the metrics view of cn-listed as nodes.parquet, edges.parquet and job.json',
    {
      timeout: 240_000,
    },
    async () => {
      const out = join(dir, 'cn-bundle');
      const r = await cli('export', 'datasets/cn-listed', '--to', 'bundle', '--out', out);
      expect(r.code, r.stderr).toBe(0);
      const { dataset } = readDataset('datasets/cn-listed');
      const types = defaultRelationView(relationTypesPresent(dataset.relations.type));
      const graph = buildMetricGraph(dataset, { types });
      expect(r.stdout).toContain(`${graph.n.toLocaleString('en')} companies`);

      const job = JSON.parse(readFileSync(join(out, 'job.json'), 'utf8'));
      expect(job.pagerank).toMatchObject(METRICS_TABLE_PAGERANK);
      expect(job.relationView.types).toEqual(types);
      expect([job.nodes, job.edges]).toEqual([graph.n, graph.arcs]);

      const db = await openDuck();
      try {
        const nodes = (
          await db.runAndReadAll(
            `SELECT id, external_id, name, region, segment FROM read_parquet('${join(out, 'nodes.parquet')}') ORDER BY id`,
          )
        ).getRows();
        expect(
          nodes.map(([id, external, name, region]) => [Number(id), external, name, region ?? '']),
        ).toEqual(
          Array.from({ length: graph.n }, (_, v) => {
            const c = graph.companyOf[v]!;
            return [
              v,
              dataset.companies.ids[c],
              dataset.companies.names[c],
              dataset.companies.regions[c],
            ];
          }),
        );
        // Companies with memberships have a main segment: one of their own membership items.
        const items = new Map<number, Set<string>>();
        dataset.memberships.company.forEach((c, r) => {
          if (!items.has(c)) items.set(c, new Set());
          items.get(c)!.add(dataset.memberships.segment[r]!);
        });
        const wrong = nodes.filter(([, , , , segment], v) => {
          const own = items.get(graph.companyOf[v]!);
          return own ? !own.has(String(segment)) : segment !== null;
        });
        expect(wrong).toEqual([]);

        const edges = (
          await db.runAndReadAll(
            `SELECT src, dst, weight, type FROM read_parquet('${join(out, 'edges.parquet')}') ORDER BY src, dst`,
          )
        ).getRows();
        expect(edges.length).toBe(graph.arcs);
        const expected: unknown[][] = [];
        for (let u = 0; u < graph.n; u++) {
          for (let p = graph.out.offsets[u]!; p < graph.out.offsets[u + 1]!; p++) {
            expected.push([u, graph.out.nodes[p], graph.out.weights[p], types.join('+')]);
          }
        }
        expect(
          edges.map(([src, dst, weight, type]) => [Number(src), Number(dst), weight, type]),
        ).toEqual(expected);
      } finally {
        closeDuck(db);
      }
    },
  );

  it('sums parallel relations, keeps self-loops and lists the merged types', async () => {
    const csv = join(dir, 'parallel.csv');
    writeFileSync(
      csv,
      'source,target,weight,type\na,b,1,supply\na,b,2.5,supply\na,b,1,ownership\nb,b,2,supply\nc,a,1,ownership\n',
    );
    const out = join(dir, 'parallel-bundle');
    const r = await cli(
      'export',
      csv,
      '--to',
      'bundle',
      '--relation',
      'supply,ownership',
      '--out',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    const db = await openDuck();
    try {
      const rows = (
        await db.runAndReadAll(
          `SELECT n1.external_id, n2.external_id, e.weight, e.type FROM read_parquet('${join(out, 'edges.parquet')}') e JOIN read_parquet('${join(out, 'nodes.parquet')}') n1 ON n1.id = e.src JOIN read_parquet('${join(out, 'nodes.parquet')}') n2 ON n2.id = e.dst ORDER BY 1, 2`,
        )
      ).getRows();
      expect(rows).toEqual([
        ['a', 'b', 4.5, 'supply+ownership'],
        ['b', 'b', 2, 'supply'],
        ['c', 'a', 1, 'ownership'],
      ]);
    } finally {
      closeDuck(db);
    }
  });

  it('refuses --region: a bundle is the whole view', async () => {
    const r = await cli('export', 'cn-listed', '--to', 'bundle', '--region', '广东', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--region does not apply to --to bundle/);
  });
});

describe('chainlens spark', () => {
  it('names the install command when pyspark is missing', async () => {
    process.env.CHAINLENS_PYTHON = '/usr/bin/python3';
    process.env.PYTHONNOUSERSITE = '1';
    const probe = await import('node:child_process').then((cp) =>
      cp.spawnSync('/usr/bin/python3', ['-c', 'import pyspark'], { encoding: 'utf8' }),
    );
    // The system Python has no pyspark here (spark/install.sh installs into spark/.venv).
    expect(probe.status, 'the system python3 must not have pyspark for this test').not.toBe(0);
    const r = await cli(
      'spark',
      'cn-listed',
      '--master',
      'local[2]',
      '--out',
      join(dir, 'no-pyspark'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('pyspark is missing');
    expect(r.stderr).toContain('bash spark/install.sh');
  });

  it('names the install command when Java is missing', async () => {
    process.env.JAVA_HOME = join(dir, 'no-java');
    const r = await cli(
      'spark',
      'cn-listed',
      '--master',
      'local[2]',
      '--out',
      join(dir, 'no-java-out'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Java 17 or later is missing');
    expect(r.stderr).toContain('apt-get install -y openjdk-17-jre-headless');
  });

  it('wants --out and key=value settings', async () => {
    expect((await cli('spark', 'cn-listed', '--master', 'local[2]')).stderr).toMatch(
      /--out DIR is required/,
    );
    const r = await cli(
      'spark',
      'cn-listed',
      '--master',
      'local[2]',
      '--out',
      dir,
      '--conf',
      'nonsense',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--conf takes key=value, got 'nonsense'");
  });
});
