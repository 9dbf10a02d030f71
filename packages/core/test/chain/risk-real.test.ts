/**
 * Smoke run of cascade, criticality, dominators, resilience and what-if on the shipped
 * cn-listed data: every chain template of datasets/templates (when present) plus a small
 * textile template written here, on two provinces. Checks invariants and independent
 * recomputations, not figures copied from the output.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDataset } from '@chainlens/io/node';
import { templateSchema } from '@chainlens/io';
import type { ChainTemplate } from '../../src/index.js';
import {
  cascade,
  cascadeModel,
  chainContext,
  chainFirms,
  clusterByRegion,
  clusterSupplyProvenance,
  completeness,
  criticality,
  resilience,
  supplyDominators,
  whatIf,
} from '../../src/index.js';

const DATASETS = new URL('../../../../datasets/', import.meta.url);
const { dataset } = readDataset(new URL('cn-listed/', DATASETS).pathname);

/** A small textile chain on cn-listed's product names (the fallback when no template ships). */
const TEXTILE: ChainTemplate = {
  id: 'textile-small',
  name: '纺织 (test)',
  segments: [
    {
      id: 'fibre',
      name: '纤维',
      stage: 'upstream',
      weight: 1,
      includes: ['涤纶*', '*粘胶*', '棉花'],
    },
    { id: 'dyes', name: '染料', stage: 'upstream', weight: 1, includes: ['染料', '*染料'] },
    {
      id: 'yarn',
      name: '纱线',
      stage: 'midstream',
      weight: 1,
      includes: ['棉纱', '*纱线', '纱线'],
    },
    {
      id: 'fabric',
      name: '面料',
      stage: 'midstream',
      weight: 1,
      includes: ['面料', '*面料', '坯布'],
    },
    { id: 'dyeing', name: '印染', stage: 'midstream', weight: 1, includes: ['印染', '*印染'] },
    {
      id: 'apparel',
      name: '服装',
      stage: 'downstream',
      weight: 2,
      includes: ['服装', '非运动服装'],
    },
  ],
  feeds: [
    ['fibre', 'yarn'],
    ['yarn', 'fabric'],
    ['fabric', 'dyeing'],
    ['dyes', 'dyeing'],
    ['dyeing', 'apparel'],
  ],
};

const templateDir = new URL('templates/', DATASETS);
const templates: ChainTemplate[] = [TEXTILE];
if (existsSync(templateDir)) {
  for (const f of readdirSync(templateDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    templates.push(templateSchema.parse(JSON.parse(readFileSync(new URL(f, templateDir), 'utf8'))));
  }
}

describe.each(templates.map((t) => [t.id, t] as const))('cn-listed, template %s', (_, template) => {
  it.each(['浙江', '广东'])('%s: invariants of criticality, resilience, what-if', (region) => {
    const ctx = chainContext(dataset, template, clusterByRegion(dataset.companies, region));
    const firms = chainFirms(ctx);
    const model = cascadeModel(ctx);
    const k0 = completeness(ctx);

    // cn-listed has inferred supply only.
    expect(model.provenance.observed).toBe(0);
    expect(model.provenance.inferred).toBe(model.provenance.edges);
    expect(clusterSupplyProvenance(ctx).observed).toBe(0);

    const crit = criticality(model);
    expect(crit.companies).toHaveLength(firms.length);
    expect(crit.before).toEqual(k0);
    for (let i = 0; i < crit.companies.length; i++) {
      const c = crit.companies[i]!;
      for (const d of Object.values(c.drops)) expect(d).toBeGreaterThanOrEqual(0);
      expect(c.cutOff).not.toContain(c.company);
      if (i > 0) {
        expect(c.completenessDrop).toBeLessThanOrEqual(
          crit.companies[i - 1]!.completenessDrop + 1e-12,
        );
      }
    }
    // The top firm's drop, recomputed through what-if (another code path over the same cascade).
    if (crit.companies.length > 0) {
      const top = crit.companies[0]!;
      const w = whatIf(model, { remove: [top.company] });
      expect(w.completeness.before).toEqual(k0);
      expect(k0.redundancy - w.completeness.after.redundancy).toBeCloseTo(top.completenessDrop, 12);
      expect(w.cutOff.map((f) => f.company)).toEqual(top.cutOff);
      expect(cascade(model, [top.company]).cutOff).toEqual(top.cutOff);
    }
    expect(whatIf(model, {}).completeness.after).toEqual(k0);

    const res = resilience(model, { seed: 5 });
    expect(res.firms).toBe(firms.length);
    for (const curve of [res.random, res.targeted]) {
      expect(curve[0]).toBe(k0.redundancy);
      expect(curve.at(-1)).toBe(0);
      for (let i = 1; i < curve.length; i++) expect(curve[i]!).toBeLessThanOrEqual(curve[i - 1]!);
      expect(curve.length).toBeLessThanOrEqual(101);
    }
    for (const R of [res.R.random, res.R.targeted]) {
      expect(R).toBeGreaterThanOrEqual(0);
      expect(R).toBeLessThanOrEqual(k0.redundancy);
    }
    expect(JSON.stringify(resilience(model, { seed: 5 }))).toBe(JSON.stringify(res));
  });
});

describe('cn-listed dominators', () => {
  it('浙江: dominated and chain-dominated counts equal brute force (remove d, who is cut off)', () => {
    const ctx = chainContext(dataset, TEXTILE, clusterByRegion(dataset.companies, '浙江'));
    const r = supplyDominators(ctx);
    const members = Array.from(ctx.cluster.members);
    const local = new Map(members.map((c, i) => [c, i]));
    const isChain = new Set(Array.from(chainFirms(ctx)));
    const g = ctx.supply;
    const succ = members.map((u) => {
      const out: number[] = [];
      for (let e = g.outOffsets[u]!; e < g.outOffsets[u + 1]!; e++) {
        const j = local.get(g.outTargets[e]!);
        if (j !== undefined && g.outTargets[e] !== u) out.push(j);
      }
      return out;
    });
    const roots = r.companies
      .filter((c) => c.root)
      .map((c) => local.get(dataset.companies.ids.indexOf(c.company))!);
    const reach = (skip: number) => {
      const seen = new Uint8Array(members.length);
      const stack = roots.filter((x) => x !== skip);
      for (const x of stack) seen[x] = 1;
      while (stack.length > 0) {
        for (const v of succ[stack.pop()!]!) {
          if (v === skip || seen[v]) continue;
          seen[v] = 1;
          stack.push(v);
        }
      }
      return seen;
    };
    const base = reach(-1);
    expect(r.unreachable.length).toBe(base.filter((x) => !x).length);
    const byId = new Map(r.companies.map((c) => [c.company, c]));
    for (let d = 0; d < members.length; d++) {
      const cut = reach(d);
      let all = 0;
      let chain = 0;
      for (let v = 0; v < members.length; v++) {
        if (v !== d && base[v] && !cut[v]) {
          all++;
          if (isChain.has(members[v]!)) chain++;
        }
      }
      const entry = byId.get(dataset.companies.ids[members[d]!]!)!;
      expect([entry.dominated, entry.chainDominated]).toEqual([all, chain]);
    }
    expect(r.provenance).toEqual(clusterSupplyProvenance(ctx));
  });
});
