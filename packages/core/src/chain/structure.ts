/**
 * The structure of a chain template in integer form: segments numbered 0..S-1 in template
 * order, their weights and stages, the feeds as in/out lists and a topological order. Every
 * chain analysis starts from it; it is built once per template.
 */
import { checkTemplate } from '../graph/template.js';
import type { ChainTemplate, Stage } from '../graph/types.js';

export interface ChainStructure {
  template: ChainTemplate;
  /** Number of segments. */
  size: number;
  /** Segment id → segment number. */
  index: Map<string, number>;
  ids: string[];
  names: string[];
  stages: Stage[];
  /** Segment weights w_s (the template's, default 1). */
  weights: Float64Array;
  /** Feeds as pairs of segment numbers (input → output), in template order. */
  feeds: Array<[number, number]>;
  /** Per segment, the segments that feed it (its inputs). */
  inputs: number[][];
  /** Per segment, the segments it feeds (its outputs). */
  outputs: number[][];
  /** Segment numbers in a topological order of the feeds (inputs before outputs). */
  order: Int32Array;
}

/**
 * Builds the integer structure of a template. Throws a RangeError naming the problem when the
 * template is not a DAG over unique segments (io validates templates, so this only fires on
 * templates built in code).
 */
export function chainStructure(template: ChainTemplate): ChainStructure {
  const problems = checkTemplate(template);
  if (problems.length > 0) {
    const p = problems[0]!;
    throw new RangeError(`template '${template.id}': ${p.path}: ${p.message}`);
  }
  const size = template.segments.length;
  const index = new Map<string, number>();
  template.segments.forEach((s, i) => index.set(s.id, i));
  const inputs: number[][] = Array.from({ length: size }, () => []);
  const outputs: number[][] = Array.from({ length: size }, () => []);
  const feeds: Array<[number, number]> = template.feeds.map(([a, b]) => {
    const from = index.get(a)!;
    const to = index.get(b)!;
    outputs[from]!.push(to);
    inputs[to]!.push(from);
    return [from, to];
  });
  // Kahn's algorithm; ties in template order so the order is stable.
  const pending = Int32Array.from(inputs, (list) => list.length);
  const order = new Int32Array(size);
  let head = 0;
  let tail = 0;
  for (let s = 0; s < size; s++) if (pending[s] === 0) order[tail++] = s;
  while (head < tail) {
    const s = order[head++]!;
    for (const t of outputs[s]!) if (--pending[t]! === 0) order[tail++] = t;
  }
  return {
    template,
    size,
    index,
    ids: template.segments.map((s) => s.id),
    names: template.segments.map((s) => s.name),
    stages: template.segments.map((s) => s.stage),
    weights: Float64Array.from(template.segments, (s) =>
      Number.isFinite(s.weight) ? s.weight : 1,
    ),
    feeds,
    inputs,
    outputs,
    order,
  };
}
