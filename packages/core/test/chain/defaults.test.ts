/**
 * ANALYZE_DEFAULTS, the one home of the chain analysis defaults: resolved once per analyze() call
 * (what report.parameters shows when nothing is given), key by key as graphology's
 * resolveDefaults does, and the same values the chain functions fall back to on their own.
 */
import { describe, expect, it } from 'vitest';
import {
  ANALYZE_DEFAULTS,
  analyze,
  cascadeModel,
  chainContext,
  clusterByRegion,
  completeness,
  resolveAnalyzeDefaults,
  resolveDefaults,
  segmentTable,
} from '../../src/index.js';
import { MINI, miniDataset } from './fixture.js';

describe('resolveDefaults / resolveAnalyzeDefaults', () => {
  it('fills every key left out, nested objects key by key, and keeps what is given', () => {
    expect(resolveAnalyzeDefaults()).toEqual(ANALYZE_DEFAULTS);
    const p = resolveAnalyzeDefaults({ theta: 0.5, limits: { targets: 3 } });
    expect(p.theta).toBe(0.5);
    expect(p.redundancy).toBe(ANALYZE_DEFAULTS.redundancy);
    expect(p.limits).toEqual({ ...ANALYZE_DEFAULTS.limits, targets: 3 });
    // 0 and [] are values, not "left out".
    expect(resolveAnalyzeDefaults({ minShare: 0, nonEssential: [] }).minShare).toBe(0);
    expect(resolveDefaults({ a: undefined, extra: 1 }, { a: 2, b: { c: 3 } })).toEqual({
      a: 2,
      b: { c: 3 },
    });
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(ANALYZE_DEFAULTS)).toBe(true);
    expect(Object.isFrozen(ANALYZE_DEFAULTS.limits)).toBe(true);
    const p = resolveAnalyzeDefaults();
    p.limits.targets = 99;
    expect(ANALYZE_DEFAULTS.limits.targets).toBe(20);
  });
});

describe('analyze() and the chain functions read the same defaults', () => {
  const ds = miniDataset();
  const cluster = clusterByRegion(ds.companies, '浙江');

  it('report.parameters are ANALYZE_DEFAULTS when nothing is given', () => {
    const { parameters } = analyze(ds, { cluster, template: MINI });
    const d = ANALYZE_DEFAULTS;
    expect(parameters).toMatchObject({
      seed: d.seed,
      minShare: d.minShare,
      redundancy: d.redundancy,
      hhiThreshold: d.hhiThreshold,
      theta: d.theta,
      nonEssential: [...d.nonEssential],
      supplyTypes: [...d.supplyTypes],
      resilienceOrder: d.resilienceOrder,
      resilienceRuns: d.resilienceRuns,
      limits: { ...d.limits },
    });
  });

  it('giving every default explicitly changes nothing in the report', () => {
    const implicit = analyze(ds, { cluster, template: MINI });
    const d = ANALYZE_DEFAULTS;
    const explicit = analyze(ds, {
      cluster,
      template: MINI,
      seed: d.seed,
      minShare: d.minShare,
      redundancy: d.redundancy,
      hhiThreshold: d.hhiThreshold,
      theta: d.theta,
      nonEssential: [...d.nonEssential],
      supplyTypes: [...d.supplyTypes],
      resilienceOrder: d.resilienceOrder,
      resilienceRuns: d.resilienceRuns,
      limits: { ...d.limits },
    });
    expect(explicit).toEqual(implicit);
  });

  it('a chain function called alone falls back to the same values', () => {
    const ctx = chainContext(ds, MINI, cluster);
    expect(ctx.membership.minShare).toBe(ANALYZE_DEFAULTS.minShare);
    expect([...ctx.supplyTypes]).toEqual([...ANALYZE_DEFAULTS.supplyTypes]);
    expect(completeness(ctx)).toEqual(
      completeness(ctx, { redundancy: ANALYZE_DEFAULTS.redundancy }),
    );
    expect(segmentTable(ctx)).toEqual(
      segmentTable(ctx, { hhiThreshold: ANALYZE_DEFAULTS.hhiThreshold }),
    );
    const m = cascadeModel(ctx);
    expect(m.parameters.theta).toBe(ANALYZE_DEFAULTS.theta);
    expect(m.parameters.redundancy).toBe(ANALYZE_DEFAULTS.redundancy);
  });

  it('a different value given to analyze() reaches the analysis', () => {
    const strict = analyze(ds, { cluster, template: MINI, redundancy: 3 });
    const loose = analyze(ds, { cluster, template: MINI });
    expect(strict.parameters.redundancy).toBe(3);
    expect(strict.completeness.redundancy).toBeLessThan(loose.completeness.redundancy);
  });
});
