import { describe, expect, it } from 'vitest';
import type { ChainTemplate, Dataset } from '../../src/index.js';
import {
  chainContext,
  clusterByRegion,
  inputGaps,
  missingDirection,
  relationTypeCode,
  segmentTable,
} from '../../src/index.js';
import { EBIKE, ebikeDataset } from './fixture-ebike.js';
import { MINI, miniDataset } from './fixture.js';

describe('segment table of the 浙江 e-bike cluster (fixture-ebike.ts)', () => {
  const ds = ebikeDataset();
  const ctx = chainContext(ds, EBIKE, clusterByRegion(ds.companies, '浙江'));
  const rows = segmentTable(ctx);
  const row = (id: string) => rows.find((r) => r.id === id)!;

  it('lists every segment in template order with n_s', () => {
    expect(rows.map((r) => r.id)).toEqual(EBIKE.segments.map((s) => s.id));
    expect(rows.map((r) => r.companies)).toEqual([0, 1, 5, 1, 0, 2, 0, 0, 2, 0]);
  });

  it('gives each of the five statuses by hand', () => {
    // steel: n=0, feeds frame (n=2) → missing-upstream.
    // cell: n=1 → weak (single-source); it feeds battery, which has no local firm: no local
    //   buyers, so not external-only.
    // motor: n=5, M1–M4 unknown shares take the known mean 0.3 (Q1) → all equal, HHI 5·0.2² = 0.2
    //   ≤ 0.25; its buyers B1, B2 get it over r0 r1 r2 r3 r4 (local) and r17 (M9) → present.
    // saddle: n=1 (Q1), and B1, B2 buy saddles only from Q9 (r18, r19) → weak for two reasons.
    // paint: n=0, feeds coating (n=0), fed by nothing → absent.
    // frame: F1 0.8, F2 0.2 → HHI 0.64 + 0.04 = 0.68 > 0.25 → weak (concentrated).
    // battery: n=0, feeds bike (present) AND is fed by cell (present) → upstream wins.
    // coating: n=0, feeds bike → missing-upstream.
    // bike: B1 0.5, B2 0.5 → HHI 0.5 → weak (concentrated); feeds rental, no local rental firm.
    // rental: n=0, fed by bike (present), feeds nothing → missing-downstream.
    expect(rows.map((r) => r.status)).toEqual([
      'missing-upstream',
      'weak',
      'present',
      'weak',
      'absent',
      'weak',
      'missing-upstream',
      'missing-upstream',
      'weak',
      'missing-downstream',
    ]);
    expect(rows.map((r) => r.reasons)).toEqual([
      [],
      ['single-source'],
      [],
      ['single-source', 'external-only'],
      [],
      ['concentrated'],
      [],
      [],
      ['concentrated'],
      [],
    ]);
  });

  it('concentration figures and local companies by share', () => {
    expect(row('steel')).toMatchObject({ hhi: null, effective: 0, localCompanies: [] });
    expect(row('motor').hhi).toBeCloseTo(0.2, 12);
    expect(row('motor').effective).toBeCloseTo(5, 12);
    expect(row('motor').imputed).toBe(4);
    // Known share first (Q1 0.3), then the unknown ones by id.
    expect(row('motor').localCompanies).toEqual(['Q1', 'M1', 'M2', 'M3', 'M4']);
    expect(row('frame').hhi).toBeCloseTo(0.68, 12);
    expect(row('frame').effective).toBeCloseTo(1 / 0.68, 12);
    expect(row('frame').localCompanies).toEqual(['F1', 'F2']);
    // Equal shares: by id.
    expect(row('bike').localCompanies).toEqual(['B1', 'B2']);
    expect(row('cell')).toMatchObject({ hhi: 1, effective: 1, weight: 1, stage: 'upstream' });
  });

  it('counts how the local buyers get each segment, inferred edges apart', () => {
    // saddle: r18 Q9→B1, r19 Q9→B2: 2 edges, 2 buyers, 1 outside supplier, none local.
    expect(row('saddle').supply).toEqual({
      buyers: 2,
      edges: 2,
      localEdges: 0,
      localSuppliers: 0,
      externalSuppliers: 1,
      inferredEdges: 0,
      externalOnly: true,
    });
    // motor: r0 r1 r2 r3(I) r4 local, r17 M9→B2 (I) outside.
    expect(row('motor').supply).toEqual({
      buyers: 2,
      edges: 6,
      localEdges: 5,
      localSuppliers: 4,
      externalSuppliers: 1,
      inferredEdges: 2,
      externalOnly: false,
    });
    // steel (missing): its buyers F1, F2 get it over r11 S1→F1, r12 S1→F2 (I), r13 S2→F2;
    // never external-only, since n_s = 0 is a missing role, not a weak link.
    expect(row('steel').supply).toMatchObject({
      buyers: 2,
      edges: 3,
      externalSuppliers: 2,
      inferredEdges: 1,
      externalOnly: false,
    });
  });

  it('hhiThreshold (τ) is a parameter: at 0.7 frame (0.68) is no longer concentrated, and HHI = τ is not above it', () => {
    const loose = segmentTable(ctx, { hhiThreshold: 0.7 });
    expect(loose.find((r) => r.id === 'frame')!.status).toBe('present');
    // motor's HHI is exactly 0.2: concentrated only strictly above τ.
    expect(segmentTable(ctx, { hhiThreshold: 0.2 }).find((r) => r.id === 'motor')!.status).toBe(
      'present',
    );
    expect(
      segmentTable(ctx, { hhiThreshold: 0.19 }).find((r) => r.id === 'motor')!.reasons,
    ).toEqual(['concentrated']);
    expect(() => segmentTable(ctx, { hhiThreshold: 2 })).toThrow(/hhiThreshold/);
  });

  it('is JSON-able', () => {
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });
});

describe('statuses of the mini chain (fixture.ts)', () => {
  it('missing-upstream, weak and missing-downstream by hand', () => {
    const ds = miniDataset();
    const ctx = chainContext(ds, MINI, clusterByRegion(ds.companies, '浙江'));
    // n: ore 0, graphite 0, cathode 1, anode 1, cell 2, pack 1, ev 0.
    // ore → cathode (present), graphite → anode (present): missing upstream; cell: A 0.3, B 0.9
    // → 0.25, 0.75 → HHI 0.625; pack: one firm; ev: fed by pack (present).
    expect(segmentTable(ctx).map((r) => [r.status, r.reasons])).toEqual([
      ['missing-upstream', []],
      ['missing-upstream', []],
      ['weak', ['single-source']],
      ['weak', ['single-source']],
      ['weak', ['concentrated']],
      ['weak', ['single-source']],
      ['missing-downstream', []],
    ]);
    const ev = ctx.structure.index.get('ev')!;
    expect(missingDirection(ctx.structure, [0, 0, 0, 0, 0, 0, 0], ev)).toBe('absent');
  });
});

describe('an input made in-house is neither external-only nor an input gap', () => {
  it('P holds x and y and buys x from Q outside; R holds y and buys x from Q too', () => {
    // Template x → y. Cluster 浙江 = {P, R}; Q (江苏) holds x.
    // x: n = 1 (P). Local buyers of x: firms in y not holding x = {R} (P makes x itself).
    // R gets x only from Q → external-only. P's y needs x: held in-house → no gap; R's y: gap.
    const template: ChainTemplate = {
      id: 't',
      name: 't',
      segments: [
        { id: 'x', name: 'X', stage: 'upstream', weight: 1, includes: [] },
        { id: 'y', name: 'Y', stage: 'downstream', weight: 1, includes: [] },
      ],
      feeds: [['x', 'y']],
    };
    const ds: Dataset = {
      name: 'inhouse',
      companies: {
        ids: ['P', 'Q', 'R'],
        names: ['P', 'Q', 'R'],
        regions: ['浙江', '江苏', '浙江'],
        attributes: {},
      },
      memberships: {
        company: Int32Array.from([0, 0, 1, 2]),
        segment: ['x', 'y', 'x', 'y'],
        share: Float64Array.from([1, 1, 1, 1]),
        attributes: {},
      },
      relations: {
        source: Int32Array.from([1, 1]),
        target: Int32Array.from([0, 2]),
        type: Uint8Array.from([relationTypeCode('supply'), relationTypeCode('supply')]),
        weight: Float64Array.from([1, 1]),
        attributes: {},
      },
      templates: [template],
    };
    const ctx = chainContext(ds, template, clusterByRegion(ds.companies, '浙江'));
    const x = segmentTable(ctx)[0]!;
    expect(x.supply).toMatchObject({ buyers: 1, edges: 1, localEdges: 0, externalSuppliers: 1 });
    expect(x.reasons).toEqual(['single-source', 'external-only']);
    expect(inputGaps(ctx).map((g) => [g.company, g.missingInputs])).toEqual([['R', ['x']]]);
  });
});
