/**
 * A tiny seeded pseudo-random number generator for the metrics that sample (sampled betweenness,
 * Louvain's node order, ...): the same seed gives the same sequence on every platform, because
 * only 32-bit integer arithmetic (`Math.imul`, shifts) is used.
 *
 * Generator: mulberry32 (Tommy Ettinger, 2017; public domain), a 32-bit state advanced by a Weyl
 * sequence and finalised by an xorshift-multiply mix. Period 2^32; good enough for sampling and
 * shuffling, not for cryptography.
 */

/**
 * Returns a generator of floats uniform in [0, 1) with 32 bits of randomness each.
 *
 * @param seed any number; it is reduced to an unsigned 32-bit integer (`seed >>> 0`), so seeds
 *   that differ only above bit 31 or in their fractional part give the same sequence.
 */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws k distinct integers from 0..n-1, uniformly (every k-subset equally likely, every order
 * of it equally likely), with a partial Fisher–Yates shuffle over a virtual identity array: O(k)
 * time and memory (a Map holds only the swapped positions), so n may be huge.
 *
 * The result is in draw order (not sorted); sort it if the order must not matter.
 * Deterministic for a given `rng` state. Throws a RangeError unless 0 ≤ k ≤ n (integers).
 */
export function sampleWithoutReplacement(n: number, k: number, rng: () => number): Int32Array {
  if (!Number.isInteger(n) || !Number.isInteger(k) || k < 0 || n < 0 || k > n) {
    throw new RangeError(`sampleWithoutReplacement: need integers 0 <= k <= n, got n=${n} k=${k}`);
  }
  const result = new Int32Array(k);
  // swapped.get(i) is the value at virtual position i when it is no longer i.
  const swapped = new Map<number, number>();
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const vi = swapped.get(i) ?? i;
    const vj = swapped.get(j) ?? j;
    result[i] = vj;
    swapped.set(j, vi);
  }
  return result;
}
