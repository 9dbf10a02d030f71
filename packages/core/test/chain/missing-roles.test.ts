import { describe, expect, it } from 'vitest';
import { chainContext, clusterByRegion, inputGaps, missingRoles } from '../../src/index.js';
import { EBIKE, ebikeDataset } from './fixture-ebike.js';
import { MINI, miniDataset } from './fixture.js';

describe('missing roles and input gaps of the 浙江 e-bike cluster (fixture-ebike.ts)', () => {
  const ds = ebikeDataset();
  const ctx = chainContext(ds, EBIKE, clusterByRegion(ds.companies, '浙江'));

  it('every segment with n_s = 0, its direction and who needs it', () => {
    // steel → frame (F1, F2 need it). paint → coating (absent): nobody. battery feeds bike
    // (B1, B2 need it) and is fed by cell (C1 would sell to it): upstream wins. coating → bike.
    // rental: fed by bike, so B1 and B2 would sell to it. Holders outside: steel S1 S2; paint P1;
    // battery E1 E2; coating P1 K1; rental R1 B9 E2.
    expect(missingRoles(ctx)).toEqual([
      {
        segment: 'steel',
        name: '钢材',
        direction: 'upstream',
        neededBy: ['F1', 'F2'],
        buyers: ['F1', 'F2'],
        sellers: [],
        externalCompanies: 2,
      },
      {
        segment: 'paint',
        name: '油漆',
        direction: 'absent',
        neededBy: [],
        buyers: [],
        sellers: [],
        externalCompanies: 1,
      },
      {
        segment: 'battery',
        name: '电池组',
        direction: 'upstream',
        neededBy: ['B1', 'B2'],
        buyers: ['B1', 'B2'],
        sellers: ['C1'],
        externalCompanies: 2,
      },
      {
        segment: 'coating',
        name: '涂装',
        direction: 'upstream',
        neededBy: ['B1', 'B2'],
        buyers: ['B1', 'B2'],
        sellers: [],
        externalCompanies: 2,
      },
      {
        segment: 'rental',
        name: '租赁',
        direction: 'downstream',
        neededBy: ['B1', 'B2'],
        buyers: [],
        sellers: ['B1', 'B2'],
        externalCompanies: 3,
      },
    ]);
  });

  it('per company and own segment, the inputs with no local supplier', () => {
    // bike's inputs: motor, saddle, frame, battery, coating (template order).
    // B1 buys from M1 M2 M4 (motor), F1 (frame), X (no segment) locally; E1 (battery), Q9
    //   (saddle) outside → missing saddle (Q9: 1 outside supplier; Q1 holds it locally: 1),
    //   battery (E1: 1), coating (nobody: 0).
    // B2 buys from M2 M3 F1 F2 locally; E1, E2 (r16 inferred), M9, Q9, F9 outside → missing
    //   saddle (Q9), battery (E1, E2; 1 inferred edge), coating.
    // F1 (frame ← steel) buys from S1 only; F2 from S1 (r12 inferred), S2 and K1 (coating and
    //   frame, not steel) → both miss steel, F2 with 2 outside steel suppliers.
    // C1, M1–M4 and Q1 hold segments with no inputs; X holds none.
    expect(inputGaps(ctx)).toEqual([
      {
        company: 'B1',
        segment: 'bike',
        missingInputs: ['saddle', 'battery', 'coating'],
        externalSuppliers: [1, 1, 0],
        inferredEdges: [0, 0, 0],
        localHolders: [1, 0, 0],
      },
      {
        company: 'B2',
        segment: 'bike',
        missingInputs: ['saddle', 'battery', 'coating'],
        externalSuppliers: [1, 2, 0],
        inferredEdges: [0, 1, 0],
        localHolders: [1, 0, 0],
      },
      {
        company: 'F1',
        segment: 'frame',
        missingInputs: ['steel'],
        externalSuppliers: [1],
        inferredEdges: [0],
        localHolders: [0],
      },
      {
        company: 'F2',
        segment: 'frame',
        missingInputs: ['steel'],
        externalSuppliers: [2],
        inferredEdges: [1],
        localHolders: [0],
      },
    ]);
  });
});

describe('missing roles of the mini chain (fixture.ts)', () => {
  it('ore and graphite upstream, ev downstream; input gaps of A, B, C, D', () => {
    const ds = miniDataset();
    const ctx = chainContext(ds, MINI, clusterByRegion(ds.companies, '浙江'));
    // ore → cathode (A); graphite → anode (D); ev ← pack (C).
    expect(missingRoles(ctx).map((m) => [m.segment, m.direction, m.neededBy])).toEqual([
      ['ore', 'upstream', ['A']],
      ['graphite', 'upstream', ['D']],
      ['ev', 'downstream', ['C']],
    ]);
    // A (cathode ← ore) buys from E outside: missing ore. A (cell ← cathode, anode) has no
    // supplier in the cluster, but makes cathode itself (in-house): only anode is missing, though
    // D holds it locally (localHolders 1: a matchmaking gap, not a missing segment).
    // B (cell) buys cathode from A and anode from D: complete. C (pack ← cell) buys from B, A.
    // D (anode ← graphite) buys nothing.
    expect(
      inputGaps(ctx).map((g) => [
        g.company,
        g.segment,
        g.missingInputs,
        g.externalSuppliers,
        g.localHolders,
      ]),
    ).toEqual([
      ['A', 'cathode', ['ore'], [1], [0]],
      ['A', 'cell', ['anode'], [0], [1]],
      ['D', 'anode', ['graphite'], [0], [0]],
    ]);
  });
});
