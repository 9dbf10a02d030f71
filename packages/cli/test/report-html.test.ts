/**
 * report.html and report.json without a browser: escaping functions (property tests), the page
 * built from a real report with hostile names holds no markup from data and exactly one script
 * element (the JSON data block, which parses back to the report), loads nothing from the
 * network, and report.json is byte-stable. The browser test is report-browser.test.ts.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  STAGES,
  escapeHtml,
  indexReport,
  jsonForScript,
  layoutChainMap,
  renderHtml,
  reportJson,
  wrapText,
} from '@chainlens/core';
import { REPORT_FILES, reportFiles, writeReportFiles } from '../src/report/write.js';
import { readdirSync } from 'node:fs';
import { HOSTILE, ROOT, realReport } from './report-fixture.js';

const unescapeHtml = (s: string) =>
  s.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!,
  );

/** The same value with every object's keys inserted in reverse order. */
function reversedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversedKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reversedKeys(x)]),
    );
  }
  return v;
}

describe('escapeHtml and jsonForScript', () => {
  it('escapeHtml leaves no markup character and decodes back to the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.constantFrom(...HOSTILE), (s, x) => {
        const text = s + x;
        const e = escapeHtml(text);
        expect(e).not.toMatch(/[<>"']/);
        expect(e.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        expect(unescapeHtml(e)).toBe(text);
      }),
    );
  });

  it('jsonForScript parses back to the value and cannot close or comment out the script', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom(...HOSTILE, '</SCRIPT', '\u2028\u2029', ']]>'),
    );
    fc.assert(
      fc.property(fc.dictionary(text, fc.oneof(text, fc.integer(), fc.array(text))), (value) => {
        const json = jsonForScript(value);
        expect(JSON.parse(json)).toEqual(value);
        expect(json).not.toMatch(/<|>|\u2028|\u2029/);
      }),
    );
  });
});

describe('renderHtml on a real report with hostile company names', () => {
  const { report } = realReport({ hostile: true });
  const html = renderHtml(report);

  it('has one script element, a JSON data block that parses back to the report', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toContain('type="application/json"');
    expect(JSON.parse(scripts[0]![2]!)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
  });

  /** Every start tag of the page: since data text is escaped, each is one the renderer wrote. */
  const tags = [...html.matchAll(/<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attrs: m[2]!,
  }));

  it("writes no markup from data: only the renderer's own tags, every hostile name escaped", () => {
    const names = new Set(tags.map((t) => t.name));
    for (const bad of ['img', 'iframe', 'object', 'embed', 'link', 'a', 'base', 'form', 'input']) {
      expect(names.has(bad)).toBe(false);
    }
    for (const t of tags) {
      // No event handler, source or link attribute on any element.
      expect(t.attrs).not.toMatch(/\s(on\w+|src|srcset|href|action|formaction)\s*=/i);
    }
    expect(html).not.toMatch(/<!--|<!\[CDATA/);
    for (const l of report.leaders) expect(html).toContain(escapeHtml(l.name));
    for (const x of HOSTILE) expect(html).toContain(escapeHtml(x));
  });

  it('loads nothing: no URL but the SVG namespace, a CSP that forbids scripts and fetches', () => {
    const withUrl = tags.filter((t) => /(?:https?:)?\/\//.test(t.attrs));
    expect(new Set(withUrl.map((t) => t.attrs.match(/(?:https?:)?\/\/[^\s"']*/)![0]))).toEqual(
      new Set(['http://www.w3.org/2000/svg']),
    );
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(style).not.toMatch(/@import|url\(|@font-face/i);
    expect(tags.filter((t) => t.name === 'style')).toHaveLength(1);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
  });
});

describe('report.json and writeReportFiles', () => {
  const { report } = realReport();

  it('report.json is pretty, parses back to the report, and has the same bytes whatever the key order', () => {
    const a = reportJson(report);
    expect(JSON.parse(a)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(reportJson(reversedKeys(report) as object)).toBe(a);
    expect(reportJson(JSON.parse(a) as object)).toBe(a);
    expect(a.startsWith('{\n  "schemaVersion": 1,\n  "generator": ')).toBe(true);
    expect(a.endsWith('}\n')).toBe(true);
  });

  it('writes report.json, report.md, report.html and report.xlsx, byte-identical on a second write', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'chainlens-report-')), 'out', 'nested');
    const paths = await writeReportFiles(report, dir);
    expect(paths).toEqual(REPORT_FILES.map((f) => join(dir, f)));
    const first = paths.map((p) => readFileSync(p));
    const expected = reportFiles(report);
    for (const [f, text] of Object.entries(expected)) {
      expect(readFileSync(join(dir, f)).toString('utf8')).toBe(text);
    }
    // report.xlsx is a zip (PK\x03\x04); its sheets are checked in xlsx.test.ts.
    expect(readFileSync(join(dir, 'report.xlsx')).subarray(0, 4).toString('latin1')).toBe(
      'PK\x03\x04',
    );
    await writeReportFiles(JSON.parse(JSON.stringify(report)), dir);
    paths.forEach((p, i) => expect(readFileSync(p).equals(first[i]!)).toBe(true));
  });

  it('names the path when it cannot write', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'chainlens-report-')), 'report.json');
    await writeReportFiles(report, join(file, '..'));
    await expect(writeReportFiles(report, file)).rejects.toThrow(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot`),
    );
  });
});

describe('chain map layout on every shipped template', () => {
  const ids = readdirSync(join(ROOT, 'datasets', 'templates'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));

  it.each(ids)(
    '%s: boxes in stage bands left to right, none overlapping, feeds pointing right',
    (id) => {
      const { report } = realReport({ template: id });
      const layout = layoutChainMap(indexReport(report));
      const boxes = [...layout.boxes.values()];
      expect(boxes).toHaveLength(report.segments.length);
      const W = 128;
      const H = 52;
      for (let i = 0; i < boxes.length; i++) {
        const a = boxes[i]!;
        expect(a.x).toBeGreaterThanOrEqual(0);
        expect(a.x + W).toBeLessThanOrEqual(layout.width);
        expect(a.y + H).toBeLessThanOrEqual(layout.height);
        for (let j = i + 1; j < boxes.length; j++) {
          const b = boxes[j]!;
          const apart = a.x + W <= b.x || b.x + W <= a.x || a.y + H <= b.y || b.y + H <= a.y;
          expect(apart, `${a.segment.id} overlaps ${b.segment.id}`).toBe(true);
        }
      }
      // Each stage's band lies right of the previous stage's, and holds its segments' boxes.
      const bands = layout.bands;
      expect(bands.map((b) => b.stage)).toEqual(
        STAGES.filter((s) => report.segments.some((x) => x.stage === s)),
      );
      for (let i = 1; i < bands.length; i++)
        expect(bands[i]!.x).toBeGreaterThan(bands[i - 1]!.x + bands[i - 1]!.width);
      for (const b of boxes) {
        const band = bands.find((x) => x.stage === b.segment.stage)!;
        expect(b.x).toBeGreaterThanOrEqual(band.x);
        expect(b.x + W).toBeLessThanOrEqual(band.x + band.width);
      }
      // A feed from an earlier or the same stage goes to a box further right.
      const rank = (s: string) => STAGES.indexOf(s as (typeof STAGES)[number]);
      for (const [from, to] of report.template.feedList) {
        const a = layout.boxes.get(from)!;
        const b = layout.boxes.get(to)!;
        if (rank(a.segment.stage) <= rank(b.segment.stage))
          expect(b.x, `${from} → ${to}`).toBeGreaterThan(a.x);
      }
    },
  );

  it('wraps names into at most two lines that fit the box, before a bracket when it can', () => {
    expect(wrapText('新能源汽车零部件（高压连接、配电）', 112, 12, 2)).toEqual([
      '新能源汽车零部件',
      '（高压连接、配电）',
    ]);
    expect(wrapText('电解液', 112, 12, 2)).toEqual(['电解液']);
    // 12 px per CJK character in 112 px: 9 per line; the second line keeps room for the ellipsis.
    expect(wrapText('一二三四五六七八九十一二三四五六七八九十一二三', 112, 12, 2)).toEqual([
      '一二三四五六七八九',
      '十一二三四五六七…',
    ]);
  });
});
