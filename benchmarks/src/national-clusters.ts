/**
 * Where the national generator's (national.ts) chains sit: which cities hold which chain, with
 * which segments, and how strongly. Real clusters are concentrated — a chain lives in a few
 * specialised cities that hold many of its segments, a longer tail of cities holds one or two,
 * and most cities hold none — so the plan is driven by real hints: per chain template, city and
 * segment, how many listed companies of datasets/cn-listed the template places there
 * (gen-national.ts `chainHints`). Without hints a seeded stand-in is drawn (ten cities per
 * template, drawn by city weight, each with a random part of the segments).
 *
 * For a city c and template t with a_t(c) hinted companies out of the city's weight w(c):
 *
 * - a company of c belongs to t with probability `density` · a_t(c) / w(c) (capped so that the
 *   chains of a city take at most 80 % of it); the rest of the city is outside every chain (the
 *   `other` pseudo-segment: services, trade, other industries);
 * - the segments present are those with a hint, plus each other segment with probability
 *   `spill` · a_t(c) / (a_t(c) + 10) (a strong cluster grows its own suppliers); a company picks
 *   among them in proportion to (hint + ½) × stage weight;
 * - a city without a hint holds the template thinly with probability `thinCities`: one or two
 *   segments, each company belonging with probability `thin`.
 *
 * Segments are per template (photovoltaic `cells` and lithium-battery `cells` are two segments);
 * each is written in memberships.csv as an item that resolves to it alone among all templates.
 */
import { matchesInclude } from '@chainlens/core';
import type { TemplateShape } from './national-model.js';
import { STAGE_WEIGHT, firstAbove } from './national-model.js';

/** Template id → city (`省/市`) → segment id → companies of that segment in that city. */
export type ChainHints = Map<string, Map<string, Map<string, number>>>;

export interface ClusterOptions {
  density: number;
  spill: number;
  thin: number;
  thinCities: number;
}

export interface ClusterPlan {
  /** Membership item of each segment (the `other` pseudo-segment has none). */
  items: string[];
  /** Template of each segment; `other` belongs to the pseudo-template T. */
  segmentTemplate: Int32Array;
  /** Segments of each template, and [other] at index T. */
  templateSegments: Int32Array[];
  feedsOut: Int32Array[];
  feedsIn: Int32Array[];
  /** The pseudo-segment of companies outside every chain. */
  other: number;
  /** Per city, cumulative membership probability over templates (city · T + t). */
  chainCum: Float64Array;
  /** Per (city · T + t), the present segments (CSR) with cumulative pick weights. */
  presentOffsets: Int32Array;
  presentSegments: Int32Array;
  presentCum: Float64Array;
  /** Hinted companies a_t(c) per (city · T + t); 0 where the chain is thin or absent. */
  strength: Float64Array;
  /** Stage weight of each segment (upstream 1, midstream 1.5, downstream 2). */
  stageWeight: Float64Array;
}

/** An item for segment `s` of template `ti` that resolves to that segment and no other. */
function uniqueItem(templates: TemplateShape[], ti: number, s: number): string {
  const seg = templates[ti]!.segments[s]!;
  const literal = (seg.includes ?? []).filter((p) => !p.includes('*'));
  for (const item of [seg.id, seg.name ?? '', ...literal]) {
    if (item === '') continue;
    let hits = 0;
    for (const t of templates) {
      for (const x of t.segments) {
        if (x.id === item || (x.includes ?? []).some((p) => matchesInclude(p, item))) hits++;
      }
    }
    if (hits === 1) return item;
  }
  throw new Error(`segment ${seg.id} of template ${templates[ti]!.id} has no unambiguous item`);
}

/** A seeded stand-in for real hints: ten cities per template, each with part of its segments. */
function drawnHints(
  templates: TemplateShape[],
  cityNames: string[],
  cityCum: Float64Array,
  rand: () => number,
): ChainHints {
  const hints: ChainHints = new Map();
  for (const t of templates) {
    const byCity = new Map<string, Map<string, number>>();
    for (let k = 0; k < 10; k++) {
      const c = firstAbove(cityCum, 0, cityCum.length, rand() * cityCum[cityCum.length - 1]!);
      const segs = byCity.get(cityNames[c]!) ?? new Map<string, number>();
      for (const s of t.segments) if (rand() < 0.4) segs.set(s.id, 1 + Math.floor(rand() * 3));
      byCity.set(cityNames[c]!, segs);
    }
    hints.set(t.id, byCity);
  }
  return hints;
}

export function planClusters(
  templates: TemplateShape[],
  cityNames: string[],
  cityWeight: (c: number) => number,
  hintsGiven: ChainHints | undefined,
  o: ClusterOptions,
  rand: () => number,
): ClusterPlan {
  const T = templates.length;
  const cities = cityNames.length;
  const items: string[] = [];
  const segmentTemplate: number[] = [];
  const stage: number[] = [];
  const templateSegments: Int32Array[] = [];
  const local: Map<string, number>[] = [];
  templates.forEach((t, ti) => {
    const ids = new Map<string, number>();
    t.segments.forEach((s, k) => {
      ids.set(s.id, items.length);
      items.push(uniqueItem(templates, ti, k));
      segmentTemplate.push(ti);
      stage.push(STAGE_WEIGHT[s.stage] ?? 1);
    });
    local.push(ids);
    templateSegments.push(Int32Array.from(ids.values()));
  });
  const other = items.length;
  segmentTemplate.push(T);
  stage.push(1);
  templateSegments.push(Int32Array.of(other));
  const S = other + 1;
  const outs: Set<number>[] = Array.from({ length: S }, () => new Set());
  const ins: Set<number>[] = Array.from({ length: S }, () => new Set());
  templates.forEach((t, ti) => {
    for (const [a, b] of t.feeds) {
      const x = local[ti]!.get(a);
      const y = local[ti]!.get(b);
      if (x === undefined || y === undefined || x === y) continue;
      outs[x]!.add(y);
      ins[y]!.add(x);
    }
  });
  const sorted = (s: Set<number>) => Int32Array.from([...s].sort((a, b) => a - b));

  const cityCum = new Float64Array(cities);
  let acc = 0;
  for (let c = 0; c < cities; c++) cityCum[c] = acc += cityWeight(c);
  const hints = hintsGiven ?? drawnHints(templates, cityNames, cityCum, rand);

  const strength = new Float64Array(cities * T);
  const chainCum = new Float64Array(cities * T);
  const presentOffsets = new Int32Array(cities * T + 1);
  const presentSegments: number[] = [];
  const presentCum: number[] = [];
  const p = new Float64Array(T);
  for (let c = 0; c < cities; c++) {
    let total = 0;
    for (let ti = 0; ti < T; ti++) {
      const key = c * T + ti;
      const t = templates[ti]!;
      const segHints = hints.get(t.id)?.get(cityNames[c]!);
      let a = 0;
      for (const v of segHints?.values() ?? []) a += v;
      strength[key] = a;
      const chosen: number[] = [];
      const weight: number[] = [];
      if (a > 0) {
        p[ti] = (o.density * a) / Math.max(cityWeight(c), a);
        const spill = (o.spill * a) / (a + 10);
        t.segments.forEach((s, k) => {
          const h = segHints!.get(s.id) ?? 0;
          if (h > 0 || rand() < spill) {
            chosen.push(templateSegments[ti]![k]!);
            weight.push((h + 0.5) * stage[templateSegments[ti]![k]!]!);
          }
        });
      } else if (rand() < o.thinCities) {
        p[ti] = o.thin;
        const segs = templateSegments[ti]!;
        let w = 0;
        for (const s of segs) w += stage[s]!;
        for (let k = 0, count = rand() < 0.5 ? 1 : 2; k < count; k++) {
          let r = rand() * w;
          let j = 0;
          while (j < segs.length - 1 && (r -= stage[segs[j]!]!) >= 0) j++;
          if (!chosen.includes(segs[j]!)) {
            chosen.push(segs[j]!);
            weight.push(stage[segs[j]!]!);
          }
        }
      } else p[ti] = 0;
      total += p[ti]!;
      let cum = 0;
      for (let k = 0; k < chosen.length; k++) {
        presentSegments.push(chosen[k]!);
        presentCum.push((cum += weight[k]!));
      }
      presentOffsets[key + 1] = presentSegments.length;
    }
    const scale = total > 0.8 ? 0.8 / total : 1;
    let cum = 0;
    for (let ti = 0; ti < T; ti++) chainCum[c * T + ti] = cum += p[ti]! * scale;
  }
  return {
    items,
    segmentTemplate: Int32Array.from(segmentTemplate),
    templateSegments,
    feedsOut: outs.map(sorted),
    feedsIn: ins.map(sorted),
    other,
    chainCum,
    presentOffsets,
    presentSegments: Int32Array.from(presentSegments),
    presentCum: Float64Array.from(presentCum),
    strength,
    stageWeight: Float64Array.from(stage),
  };
}
