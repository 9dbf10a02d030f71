/**
 * Supplier concentration within a segment (anchors.md §3.2): the Herfindahl–Hirschman index
 * HHI_s = Σ_i (q_i / Σ_j q_j)² over the segment's companies, with the effective number of
 * companies N_eff = 1 / HHI_s. q_i is the company's membership share (revenue share or
 * confidence).
 *
 * Unknown shares (NaN) take the mean of the segment's known shares, and when no share is known
 * every company weighs the same (HHI = 1/n): an unknown share says nothing about size, so it
 * should neither vanish nor dominate. Zero shares count as zero. A segment whose known shares
 * sum to 0 is treated as all-unknown.
 */

export interface Concentration {
  /** HHI in [1/n, 1]; null when the segment has no company. */
  hhi: number | null;
  /** 1 / HHI: how many equal-sized companies would give the same concentration; 0 when empty. */
  effective: number;
  /** Companies whose share was unknown and took the mean of the known ones. */
  imputed: number;
}

/** HHI and effective number of the companies' shares `q` (NaN = unknown). */
export function concentration(q: ArrayLike<number>): Concentration {
  const n = q.length;
  if (n === 0) return { hhi: null, effective: 0, imputed: 0 };
  let knownSum = 0;
  let known = 0;
  for (let i = 0; i < n; i++) {
    const v = q[i]!;
    if (!Number.isNaN(v)) {
      knownSum += v;
      known++;
    }
  }
  if (known === 0 || knownSum <= 0) return { hhi: 1 / n, effective: n, imputed: n - known };
  const fill = knownSum / known;
  let total = 0;
  for (let i = 0; i < n; i++) total += Number.isNaN(q[i]!) ? fill : q[i]!;
  let hhi = 0;
  for (let i = 0; i < n; i++) {
    const p = (Number.isNaN(q[i]!) ? fill : q[i]!) / total;
    hhi += p * p;
  }
  return { hhi, effective: 1 / hhi, imputed: n - known };
}
