import { describe, expect, it } from 'vitest';
import { concentration } from '../../src/index.js';

describe('concentration (HHI)', () => {
  it('matches hand-worked values', () => {
    // shares 0.6, 0.3, 0.1 → 0.36 + 0.09 + 0.01 = 0.46, N_eff = 1/0.46.
    const c = concentration([0.6, 0.3, 0.1]);
    expect(c.hhi).toBeCloseTo(0.46, 12);
    expect(c.effective).toBeCloseTo(1 / 0.46, 12);
    // one firm → 1; equal firms → 1/n.
    expect(concentration([0.2]).hhi).toBe(1);
    expect(concentration([0.5, 0.5, 0.5, 0.5]).hhi).toBeCloseTo(0.25, 12);
    expect(concentration([])).toEqual({ hhi: null, effective: 0, imputed: 0 });
  });

  it('gives unknown shares the mean of the known ones, or equal weights when none is known', () => {
    // 0.8 and unknown → unknown takes 0.8 → equal halves → 0.5.
    expect(concentration([0.8, NaN])).toMatchObject({ hhi: 0.5, imputed: 1 });
    // 0.6, 0.2, unknown → unknown = 0.4; total 1.2 → (0.5² + (1/6)² + (1/3)²) = 0.25+0.02778+0.11111.
    expect(concentration([0.6, 0.2, NaN]).hhi).toBeCloseTo(0.25 + 1 / 36 + 1 / 9, 12);
    expect(concentration([NaN, NaN, NaN])).toMatchObject({ hhi: 1 / 3, effective: 3, imputed: 3 });
  });
});
