/**
 * analyze(): the report of DESIGN §6 assembled from the chain functions, on the hand-built mini
 * chain (figures from completeness.test.ts) and on the shipped cn-listed data with the shipped
 * templates.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChainTemplate, Dataset } from '../../src/index.js';
import {
  indexReport,
  targetText,
  analyze,
  buildCompactGraph,
  clusterByRegion,
  reportJson,
  segmentMembership,
  chainStructure,
} from '../../src/index.js';
import { readDataset } from '@chainlens/io/node';
import { MINI, miniDataset } from '../chain/fixture.js';

const KEYS = [
  'schemaVersion',
  'parameters',
  'dataset',
  'cluster',
  'template',
  'completeness',
  'segments',
  'weakLinks',
  'missingRoles',
  'leaders',
  'targets',
  'critical',
  'resilience',
  'communities',
];

describe('analyze on the mini chain', () => {
  const ds = miniDataset();
  const report = analyze(ds, { cluster: clusterByRegion(ds.companies, '浙江'), template: MINI });

  it('has every key of DESIGN §6 with the hand-worked figures', () => {
    for (const key of KEYS) expect(report).toHaveProperty(key);
    expect(report.schemaVersion).toBe(1);
    expect(report.parameters.seed).toBe(1);
    expect(report.dataset).toMatchObject({ name: 'mini', companies: 7, relations: 7 });
    expect(report.cluster).toMatchObject({ id: 'region:浙江', companies: 5, chainCompanies: 4 });
    expect(report.completeness.coverage).toBeCloseTo(0.6, 12);
    expect(report.completeness.redundancy).toBeCloseTo(0.4, 12);
    expect(report.completeness.link).toBeCloseTo(0.5, 12);
    expect(report.completeness.path).toBe(0);
    expect(report.completeness.localSupplyRatio).toBeCloseTo(7.5 / 8.5, 12);
    for (const stage of ['upstream', 'midstream', 'downstream'] as const) {
      expect(report.completeness.byStage[stage]).toHaveProperty('coverage');
      expect(report.completeness.byStage[stage]).toHaveProperty('redundancy');
    }
    // ore feeds the present cathode → missing-upstream; ev is fed by the present pack →
    // missing-downstream; graphite feeds the present anode → missing-upstream; cell has A and B.
    const status = Object.fromEntries(report.segments.map((s) => [s.id, s.status]));
    expect(status).toMatchObject({
      ore: 'missing-upstream',
      graphite: 'missing-upstream',
      ev: 'missing-downstream',
    });
    const cell = report.segments.find((s) => s.id === 'cell')!;
    expect(cell.companies).toBe(2);
    // shares 0.9 (B) and 0.3 (A): B first; HHI = 0.75² + 0.25² = 0.625.
    expect(cell.members.map((m) => m.company)).toEqual(['B', 'A']);
    expect(cell.hhi).toBeCloseTo(0.625, 12);
    // the cathode maker A needs ore and has only the outside supplier E.
    const ore = report.missingRoles.find((m) => m.segment === 'ore')!;
    expect(ore).toMatchObject({ direction: 'upstream', neededBy: ['A'] });
    // targets come from outside the cluster: E (ore) and F (ev).
    expect(report.targets.map((t) => t.company).sort()).toEqual(['E', 'F']);
    // Facts only; the sentence is rendered from them (targetText) and names the firm's region.
    const index = indexReport(report);
    for (const t of report.targets) {
      expect(t).not.toHaveProperty('explanation');
      expect(targetText(t, index)).toContain(`(based in ${t.region})`);
    }
    expect(report.template.feedList).toEqual(MINI.feeds);
  });

  it('is byte-identical for the same seed', () => {
    const again = analyze(ds, { cluster: clusterByRegion(ds.companies, '浙江'), template: MINI });
    expect(reportJson(again)).toBe(reportJson(report));
  });
});

describe('analyze on cn-listed with the shipped templates', () => {
  let dataset: Dataset;
  const template = (id: string): ChainTemplate =>
    JSON.parse(readFileSync(`datasets/templates/${id}.json`, 'utf8')) as ChainTemplate;
  beforeAll(() => {
    dataset = readDataset('datasets/cn-listed').dataset;
  }, 60_000);

  it('scores a province known for a chain above one that is not', () => {
    const run = (region: string, id: string) =>
      analyze(dataset, {
        cluster: clusterByRegion(dataset.companies, region),
        template: template(id),
      }).completeness;
    // 江苏 and 浙江 are China's photovoltaic provinces; 甘肃 has listed companies but no PV chain.
    expect(run('江苏', 'photovoltaic').coverage).toBeGreaterThan(
      run('甘肃', 'photovoltaic').coverage,
    );
    // 浙江 is the textile province; 北京 is not.
    expect(run('浙江', 'textile-apparel').redundancy).toBeGreaterThan(
      run('北京', 'textile-apparel').redundancy,
    );
  }, 60_000);

  it('lists a firm with no local supplier for a needed input in the missing roles', () => {
    const t = template('lithium-battery');
    const cluster = clusterByRegion(dataset.companies, '广东');
    const report = analyze(dataset, { cluster, template: t });
    const upstream = report.missingRoles.filter((m) => m.direction === 'upstream');
    expect(upstream.length).toBeGreaterThan(0);
    // Check one claim independently: the firm holds a segment that the missing one feeds, and
    // no company of 广东 holds the missing segment (so none can supply it locally).
    const structure = chainStructure(t);
    const membership = segmentMembership(dataset, structure);
    const inCluster = new Set(cluster.members);
    const index = new Map(dataset.companies.ids.map((id, i) => [id, i]));
    for (const role of upstream) {
      const s = structure.index.get(role.segment)!;
      expect(Array.from(membership.members[s]!).some((c) => inCluster.has(c))).toBe(false);
      const fed = structure.outputs[s]!;
      for (const id of role.neededBy) {
        const c = index.get(id)!;
        expect(inCluster.has(c)).toBe(true);
        expect(fed.some((u) => membership.members[u]!.includes(c))).toBe(true);
      }
    }
    // input gaps: each listed input has no supplier in the cluster holding it.
    const supply = buildCompactGraph(dataset, { types: ['supply', 'inferred-supply'] });
    const gaps = report.inputGaps as Array<{ company: string; missingInputs: string[] }>;
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps.slice(0, 50)) {
      const c = index.get(gap.company)!;
      for (const input of gap.missingInputs) {
        const holders = new Set(membership.members[structure.index.get(input)!]!);
        for (let e = supply.inOffsets[c]!; e < supply.inOffsets[c + 1]!; e++) {
          const u = supply.inSources[e]!;
          expect(inCluster.has(u) && holders.has(u)).toBe(false);
        }
      }
    }
    // every target lies outside the cluster.
    for (const target of report.targets)
      expect(inCluster.has(index.get(target.company)!)).toBe(false);
  }, 60_000);

  it('gives byte-identical report.json for the same seed and a different random curve order for another', () => {
    const cluster = clusterByRegion(dataset.companies, '浙江');
    const a = analyze(dataset, { cluster, template: template('textile-apparel'), seed: 5 });
    const b = analyze(dataset, { cluster, template: template('textile-apparel'), seed: 5 });
    expect(reportJson(a)).toBe(reportJson(b));
    const c = analyze(dataset, { cluster, template: template('textile-apparel'), seed: 6 });
    expect(c.parameters.seed).toBe(6);
    expect(reportJson(c)).not.toBe(reportJson(a));
  }, 60_000);
});
