/**
 * Every document the code and the docs cite is in the repository: `DESIGN §n` (docs/design.md,
 * section n), `anchors.md §n.m` (docs/anchors.md), paths such as docs/report.md or
 * packages/core/README.md, bare names such as RESULTS.md (in the citing file's folder or one
 * above it, or in docs/), and Markdown links between the docs. Code files are searched in their
 * comments only (a string such as 'report.md' names an output file, not a document).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SKIP = new Set(['node_modules', 'dist', '.git', 'out', 'data', 'scratch', 'coverage']);
const CODE = /\.(ts|tsx|js|mjs|cjs)$/;
const SCANNED = ['packages', 'apps', 'benchmarks', 'datasets', 'docs', 'README.md'];

function* files(path: string): Generator<string> {
  if (!existsSync(path)) return;
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    yield path; // a file
    return;
  }
  for (const e of entries) {
    if (SKIP.has(e.name)) continue;
    const full = join(path, e.name);
    if (e.isDirectory()) yield* files(full);
    else if (CODE.test(e.name) || e.name.endsWith('.md')) yield full;
  }
}

/** The comments of a code file (block and line comments), or the whole text of a Markdown file. */
function citingText(file: string, text: string): string {
  if (!CODE.test(file)) return text;
  const blocks = text.match(/\/\*[\s\S]*?\*\//g) ?? [];
  const lines = (text.match(/(^|[^:'"`\\])\/\/.*$/gm) ?? []).map((l) => l.slice(l.indexOf('//')));
  return [...blocks, ...lines].join('\n');
}

/** Section numbers (`1`, `3.10`) of the `##`/`###` headings of a Markdown file. */
function sections(path: string): Set<string> {
  const out = new Set<string>();
  for (const m of readFileSync(path, 'utf8').matchAll(/^#{2,4}\s+(\d+(?:\.\d+)*)\.?\s/gm)) {
    out.add(m[1]!);
  }
  return out;
}

interface Problem {
  file: string;
  citation: string;
  why: string;
}

/** The citations of `text` (from `file`, relative to the repository root) that do not resolve. */
function unresolved(file: string, text: string, root = ROOT): Problem[] {
  const problems: Problem[] = [];
  const here = dirname(join(root, file));
  const design = join(root, 'docs/design.md');
  const anchors = join(root, 'docs/anchors.md');
  const bad = (citation: string, why: string) => problems.push({ file, citation, why });
  const sectionOf = (doc: string, cited: string[], citation: string) => {
    if (!existsSync(doc)) return bad(citation, `${relative(root, doc)} is missing`);
    const have = sections(doc);
    for (const n of cited) {
      if (!have.has(n)) bad(citation, `${relative(root, doc)} has no section ${n}`);
    }
  };

  // DESIGN §3, DESIGN.md §2, design.md §6, "DESIGN §3 and §6", "DESIGN §4 / issue 3".
  const designRe = /\b(?:DESIGN(?:\.md)?|design\.md\)?)\s+§(\d+)((?:(?:,\s*|\s+and\s+)§\d+)*)/g;
  for (const m of text.matchAll(designRe)) {
    const cited = [m[1]!, ...[...m[2]!.matchAll(/§(\d+)/g)].map((x) => x[1]!)];
    sectionOf(design, cited, m[0]);
  }
  if (/\bDESIGN\b/.test(text) && !existsSync(design)) bad('DESIGN', 'docs/design.md is missing');

  // anchors.md §3.1, anchors.md §3.1–3.2, anchors.md's §3.3.
  const anchorsRe = /anchors\.md\)?(?:'s)?\s+§(\d+(?:\.\d+)?)(?:[–-](\d+(?:\.\d+)?))?/g;
  for (const m of text.matchAll(anchorsRe)) {
    sectionOf(anchors, [m[1]!, ...(m[2] ? [m[2]] : [])], m[0]);
  }

  // Markdown links to .md files, relative to the citing file.
  for (const m of text.matchAll(/\]\(([^)\s]+?\.md)(#[^)]*)?\)/g)) {
    if (/^[a-z]+:/.test(m[1]!)) continue;
    if (!existsSync(resolve(here, m[1]!))) bad(m[1]!, 'no such file next to the citing file');
  }

  // Paths (docs/report.md) and bare names (RESULTS.md) outside links.
  const withoutLinks = text.replace(/\]\([^)]*\)/g, '](link)').replace(/https?:\/\/\S+/g, 'URL');
  for (const m of withoutLinks.matchAll(/(?<![\w./-])((?:[\w.-]+\/)*[\w.-]*[\w-]\.md)\b/g)) {
    const cited = m[1]!;
    const candidates = cited.includes('/')
      ? [join(root, cited), resolve(here, cited)]
      : [
          join(root, 'docs', cited),
          ...ancestors(here, root).map((d) => join(d, cited)),
          join(root, 'docs/chain-analysis', cited),
        ];
    if (!candidates.some((c) => existsSync(c))) bad(cited, 'no such file');
  }
  return problems;
}

/** `dir` and its parents up to `root`. */
function ancestors(dir: string, root: string): string[] {
  const out: string[] = [];
  for (let d = dir; d.startsWith(root); d = dirname(d)) {
    out.push(d);
    if (d === root) break;
  }
  return out;
}

describe('citations of documents', () => {
  it('every DESIGN §, anchors.md §, docs/….md and *.md citation in the sources resolves', () => {
    const problems: Problem[] = [];
    let scanned = 0;
    let designCitations = 0;
    for (const top of SCANNED) {
      for (const path of files(join(ROOT, top))) {
        const rel = relative(ROOT, path);
        if (rel === 'benchmarks/test/docs-citations.test.ts') continue; // its own examples
        const text = citingText(path, readFileSync(path, 'utf8'));
        designCitations += (text.match(/DESIGN(\.md)? §/g) ?? []).length;
        problems.push(...unresolved(rel, text));
        scanned++;
      }
    }
    expect(scanned).toBeGreaterThan(200);
    // The code does cite the design (the search is not looking at nothing).
    expect(designCitations).toBeGreaterThan(30);
    expect(problems.map((p) => `${p.file}: "${p.citation}": ${p.why}`)).toEqual([]);
  });

  it('flags a missing file, a missing section and a missing anchors section', () => {
    const text = [
      'See DESIGN §9 and docs/nowhere.md;',
      'anchors.md §3.1–3.42, and [a page](chain-analysis/none.md).',
      'DESIGN §3 and §6, anchors.md §3.10, docs/report.md, RESULTS.md are fine.',
    ].join('\n');
    const found = unresolved('benchmarks/src/example.ts', text).map((p) => p.citation);
    expect(found).toEqual([
      'DESIGN §9',
      'anchors.md §3.1–3.42',
      'chain-analysis/none.md',
      'docs/nowhere.md',
    ]);
  });

  it('looks at comments only in code', () => {
    const code = "const out = 'report.md'; // see docs/missing.md\n/** DESIGN §6 */";
    expect(citingText('x.ts', code)).not.toContain("'report.md'");
    expect(citingText('x.ts', code)).toContain('docs/missing.md');
  });
});
