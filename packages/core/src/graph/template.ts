/**
 * Chain templates: structural checks (the feeds form a DAG over known segments) and the
 * `includes` rules that map product / industry names onto segments.
 */
import type { ChainSegment, ChainTemplate } from './types.js';

/** A problem found in a template, with a JSON path (`segments[3].id`, `feeds[0]`). */
export interface TemplateProblem {
  path: string;
  message: string;
}

/**
 * Checks what a schema cannot: unique segment ids, feeds between known segments, no self-feed,
 * no duplicate feed, and no cycle (Kahn's algorithm, iterative). Returns every problem found.
 */
export function checkTemplate(template: ChainTemplate): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const index = new Map<string, number>();
  template.segments.forEach((s, i) => {
    if (index.has(s.id)) {
      problems.push({
        path: `segments[${i}].id`,
        message: `duplicate segment id '${s.id}' (first at segments[${index.get(s.id)}])`,
      });
    } else index.set(s.id, i);
  });
  const n = template.segments.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Int32Array(n);
  const seenFeeds = new Set<string>();
  template.feeds.forEach(([from, to], i) => {
    const a = index.get(from);
    const b = index.get(to);
    if (a === undefined)
      problems.push({ path: `feeds[${i}]`, message: `unknown segment '${from}'` });
    if (b === undefined) problems.push({ path: `feeds[${i}]`, message: `unknown segment '${to}'` });
    if (a === undefined || b === undefined) return;
    if (a === b) {
      problems.push({ path: `feeds[${i}]`, message: `segment '${from}' feeds itself` });
      return;
    }
    const key = `${a}>${b}`;
    if (seenFeeds.has(key)) {
      problems.push({ path: `feeds[${i}]`, message: `duplicate feed '${from}' → '${to}'` });
      return;
    }
    seenFeeds.add(key);
    out[a]!.push(b);
    indegree[b]!++;
  });
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) queue.push(i);
  let done = 0;
  while (done < queue.length) {
    const u = queue[done++]!;
    for (const v of out[u]!) if (--indegree[v]! === 0) queue.push(v);
  }
  if (done < n) {
    const cyclic = template.segments
      .filter((_, i) => indegree[i]! > 0)
      .map((s) => s.id)
      .slice(0, 10);
    problems.push({
      path: 'feeds',
      message: `feeds form a cycle through segments ${cyclic.join(', ')}`,
    });
  }
  return problems;
}

/**
 * True when `name` matches an `includes` pattern, with glob semantics: `*` stands for any run of
 * characters (also none), every other character stands for itself. The usual forms — exact,
 * `prefix*`, `*suffix`, `*infix*` — take a fast path; a `*` inside (`锂电池*设备`) is matched by
 * anchoring the first and last parts and finding the others in order, leftmost first.
 */
export function matchesInclude(pattern: string, name: string): boolean {
  const starts = pattern.startsWith('*');
  const ends = pattern.length > 1 && pattern.endsWith('*');
  const core = pattern.slice(starts ? 1 : 0, ends ? -1 : undefined);
  if (!core.includes('*')) {
    if (starts && ends) return name.includes(core);
    if (starts) return name.endsWith(core);
    if (ends) return name.startsWith(core);
    return name === pattern;
  }
  const parts = pattern.split('*');
  const head = parts[0]!;
  const tail = parts[parts.length - 1]!;
  if (name.length < head.length + tail.length) return false;
  if (!name.startsWith(head) || !name.endsWith(tail)) return false;
  const end = name.length - tail.length;
  let at = head.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    if (part === '') continue;
    const found = name.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/**
 * True when a membership item names segment `s` of `template`: its id (`spinning`), its id
 * qualified by the template's (`textile-apparel:spinning`, as `chainlens import` writes it, so
 * that two templates' segments of the same id stay apart), or a product / industry name that one
 * of its `includes` matches.
 */
export function itemInSegment(template: ChainTemplate, s: ChainSegment, item: string): boolean {
  if (item === s.id) return true;
  if (item.length === template.id.length + 1 + s.id.length && item === `${template.id}:${s.id}`)
    return true;
  return s.includes.some((p) => matchesInclude(p, item));
}

/**
 * The ids of the segments of `template` that a membership item (segment id, qualified segment
 * id, or product / industry name) belongs to; see `itemInSegment`.
 */
export function segmentsForItem(template: ChainTemplate, item: string): string[] {
  const ids: string[] = [];
  for (const s of template.segments) if (itemInSegment(template, s, item)) ids.push(s.id);
  return ids;
}
