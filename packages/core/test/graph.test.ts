/**
 * The graph model on the shipped real data: counts in the graph equal counts in the files
 * (counted independently here with csv-parse), and views by relation type and by cluster
 * keep exactly the relations they should.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '@chainlens/io/node';
import type { Dataset } from '../src/index.js';
import {
  RELATION_TYPES,
  buildCompactGraph,
  clusterByCommunity,
  clusterByIds,
  clusterByRegion,
  inducedCompactGraph,
  regionWithin,
  summarizeDataset,
  toGraphology,
} from '../src/index.js';

const CN = new URL('../../../datasets/cn-listed/', import.meta.url);
const rows = (file: string) =>
  parse(readFileSync(new URL(file, CN), 'utf8'), { columns: true, bom: true }) as Record<
    string,
    string
  >[];

let dataset: Dataset;
let companiesCsv: Record<string, string>[];
let relationsCsv: Record<string, string>[];
let membershipsCsv: Record<string, string>[];

beforeAll(() => {
  dataset = readDataset(CN.pathname).dataset;
  companiesCsv = rows('companies.csv');
  relationsCsv = rows('relations.csv');
  membershipsCsv = rows('memberships.csv');
});

describe('counts in the graph equal counts in the data (cn-listed)', () => {
  it('has one node per company row and one edge per relation row', () => {
    const graph = buildCompactGraph(dataset);
    expect(graph.n).toBe(companiesCsv.length);
    expect(graph.m).toBe(relationsCsv.length);
    let out = 0;
    let inn = 0;
    for (let u = 0; u < graph.n; u++) {
      out += graph.outOffsets[u + 1]! - graph.outOffsets[u]!;
      inn += graph.inOffsets[u + 1]! - graph.inOffsets[u]!;
    }
    expect(out).toBe(relationsCsv.length);
    expect(inn).toBe(relationsCsv.length);
  });

  it('keeps each relation with its endpoints, type and weight', () => {
    const graph = buildCompactGraph(dataset);
    const { ids } = dataset.companies;
    const seen = new Set<string>();
    for (let u = 0; u < graph.n; u++) {
      for (let k = graph.outOffsets[u]!; k < graph.outOffsets[u + 1]!; k++) {
        const r = graph.outRelations[k]!;
        seen.add(
          `${ids[u]}>${ids[graph.outTargets[k]!]}>${RELATION_TYPES[dataset.relations.type[r]!]}>${graph.outWeights[k]}`,
        );
      }
    }
    const expected = new Set(
      relationsCsv.map((r) => `${r.source}>${r.target}>${r.type}>${Number(r.weight)}`),
    );
    expect(seen).toEqual(expected);
  });

  it('summarises the same counts', () => {
    const s = summarizeDataset(dataset);
    expect(s.companies).toBe(companiesCsv.length);
    expect(s.companiesWithRegion).toBe(companiesCsv.filter((c) => c.region !== '').length);
    expect(s.memberships).toBe(membershipsCsv.length);
    expect(s.membershipsWithShare).toBe(membershipsCsv.filter((m) => m.share !== '').length);
    expect(s.relationsByType['inferred-supply']).toBe(relationsCsv.length);
    expect(s.relationsByType.supply).toBe(0);
    const guangdong = s.topLevelRegions.find((r) => r.region === '广东');
    expect(guangdong?.companies).toBe(
      companiesCsv.filter((c) => c.region!.split('/')[0] === '广东').length,
    );
  });

  it('holds the facts of the dataset README', () => {
    const i = dataset.companies.ids.indexOf('300750');
    expect(dataset.companies.names[i]).toBe('宁德时代');
    expect(dataset.companies.regions[i]).toBe('福建/宁德');
    const shares = new Map<string, number>();
    dataset.memberships.company.forEach((c, k) => {
      if (c === i) shares.set(dataset.memberships.segment[k]!, dataset.memberships.share[k]!);
    });
    expect(shares.get('动力电池系统')).toBe(0.825388);
    expect(shares.has('平衡项目')).toBe(false); // an accounting line, dropped by the derivation
    expect(clusterByRegion(dataset.companies, '浙江').members.length).toBe(582);
  });
});

describe('views', () => {
  it('filters by relation type', () => {
    expect(buildCompactGraph(dataset, { types: ['inferred-supply'] }).m).toBe(relationsCsv.length);
    expect(buildCompactGraph(dataset, { types: ['supply', 'ownership'] }).m).toBe(0);
  });

  it('keeps the relations inside a region cluster, in local numbering', () => {
    const cluster = clusterByRegion(dataset.companies, '江苏');
    const inside = new Set(
      companiesCsv.filter((c) => regionWithin(c.region!, '江苏')).map((c) => c.id),
    );
    expect(cluster.members.length).toBe(inside.size);
    const graph = buildCompactGraph(dataset, { nodes: cluster.members });
    expect(graph.n).toBe(inside.size);
    expect(graph.m).toBe(
      relationsCsv.filter((r) => inside.has(r.source!) && inside.has(r.target!)).length,
    );
    for (let u = 0; u < graph.n; u++) {
      expect(graph.localOf[graph.companyOf[u]!]).toBe(u);
      expect(inside.has(dataset.companies.ids[graph.companyOf[u]!]!)).toBe(true);
    }
  });

  it('restricts a view to a cluster from its adjacency: the same graph as building it anew', () => {
    const whole = buildCompactGraph(dataset, { types: ['inferred-supply'] });
    const pick = (keep: (c: number) => boolean) =>
      Int32Array.from(dataset.companies.ids.keys()).filter(keep);
    for (const nodes of [
      clusterByRegion(dataset.companies, '广东').members,
      clusterByRegion(dataset.companies, '江苏/苏州').members,
      pick((c) => c % 3 === 0),
      Int32Array.from([42, 7, 7, 4000]),
      new Int32Array(0),
    ]) {
      const expected = buildCompactGraph(dataset, { types: ['inferred-supply'], nodes });
      expect(inducedCompactGraph(whole, nodes)).toEqual(expected);
    }
    // Restricting a restriction: companies outside the parent stay, without edges.
    const guangdong = inducedCompactGraph(
      whole,
      clusterByRegion(dataset.companies, '广东').members,
    );
    const both = Int32Array.from([...guangdong.companyOf.subarray(0, 50), 3, 5]);
    const nested = inducedCompactGraph(guangdong, both);
    const direct = inducedCompactGraph(whole, both);
    expect(nested.n).toBe(direct.n);
    expect(Array.from(nested.companyOf)).toEqual(Array.from(direct.companyOf));
    expect(nested.m).toBeLessThanOrEqual(direct.m);
    expect(() => inducedCompactGraph(whole, [dataset.companies.ids.length])).toThrow(RangeError);
  });

  it('matches region paths by whole parts', () => {
    expect(regionWithin('浙江/绍兴/柯桥', '浙江')).toBe(true);
    expect(regionWithin('浙江/绍兴/柯桥', '浙江/绍兴/')).toBe(true);
    expect(regionWithin('浙江省/绍兴', '浙江')).toBe(false);
    expect(regionWithin('浙江', '浙江/绍兴')).toBe(false);
  });

  it('selects an explicit list and reports unknown ids', () => {
    const cluster = clusterByIds(dataset.companies, ['300750', '600519', 'nope', '300750']);
    expect(Array.from(cluster.members, (c) => dataset.companies.ids[c])).toEqual([
      '300750',
      '600519',
    ]);
    expect(cluster.unknownIds).toEqual(['nope']);
  });

  it('selects a community from an assignment', () => {
    const assignment = Int32Array.from(dataset.companies.ids, (_, i) => i % 3);
    const cluster = clusterByCommunity(assignment, 1);
    expect(cluster.members.length).toBe(Math.floor((dataset.companies.ids.length + 1) / 3));
    expect(cluster.members[0]).toBe(1);
  });

  it('builds the graphology graph of a view with the same counts and attributes', () => {
    const cluster = clusterByRegion(dataset.companies, '广东');
    const compact = buildCompactGraph(dataset, { nodes: cluster.members });
    const graph = toGraphology(dataset, { nodes: cluster.members });
    expect(graph.order).toBe(compact.n);
    expect(graph.size).toBe(compact.m);
    const edge = graph.edges()[0]!;
    const r = graph.getEdgeAttribute(edge, 'relation');
    expect(graph.source(edge)).toBe(dataset.companies.ids[dataset.relations.source[r]!]);
    expect(graph.getEdgeAttributes(edge)).toMatchObject({
      type: 'inferred-supply',
      weight: dataset.relations.weight[r],
      via: dataset.relations.attributes.via![r],
    });
    expect(graph.hasNode('300750')).toBe(false); // 宁德时代 is in 福建
    expect(graph.hasNode('300014')).toBe(true); // 亿纬锂能, 广东/惠州
    expect(graph.getNodeAttributes('300014')).toMatchObject({
      name: '亿纬锂能',
      region: '广东/惠州',
    });
  });
});
