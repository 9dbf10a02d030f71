/**
 * report.md: parsed back with markdown-it (CommonMark + GFM tables, raw HTML allowed as on a
 * code-hosting site), its tables keep their shape and hold the report's figures, and data text
 * (hostile company names) comes out as the same text, never as markup.
 */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { ChainReport } from '@chainlens/core';
import { STAGES, escapeMarkdown, indexReport, renderMarkdown, targetText } from '@chainlens/core';
import { HOSTILE, realReport } from './report-fixture.js';

const mdit = new MarkdownIt({ html: true });

interface Table {
  /** The heading the table follows. */
  heading: string;
  head: string[];
  rows: string[][];
}

const inlineText = (t: Token) =>
  (t.children ?? []).map((c) => (c.type === 'softbreak' ? '\n' : c.content)).join('');

/** Every table of a Markdown document, with the text of each cell and the heading before it. */
function tables(src: string): Table[] {
  const tokens = mdit.parse(src, {});
  const out: Table[] = [];
  let heading = '';
  let table: Table | undefined;
  let row: string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'heading_open') heading = inlineText(tokens[i + 1]!);
    else if (t.type === 'table_open') table = { heading, head: [], rows: [] };
    else if (t.type === 'tr_open') row = [];
    else if ((t.type === 'th_open' || t.type === 'td_open') && row)
      row.push(inlineText(tokens[i + 1]!));
    else if (t.type === 'tr_close' && table && row) {
      if (table.head.length === 0) table.head = row;
      else table.rows.push(row);
      row = undefined;
    } else if (t.type === 'table_close' && table) {
      out.push(table);
      table = undefined;
    }
  }
  return out;
}

const oneLine = (s: string) => s.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
const pctOf = (cell: string) => Number(/(-?[\d.]+)%/.exec(cell)?.[1]);

function find(all: Table[], heading: string | RegExp): Table[] {
  return all.filter((t) =>
    typeof heading === 'string' ? t.heading === heading : heading.test(t.heading),
  );
}

describe('escapeMarkdown', () => {
  const alphabet = fc.constantFrom(
    ...'ab 中文|*_`~[]()<>&\\#!-+=.:;"\'/\n\r{}'.split(''),
    '\r\n',
    '<script>',
    '&amp;',
    '](',
  );
  it('keeps any text as one table cell with the same text (line breaks as spaces)', () => {
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }),
        fc.array(alphabet, { maxLength: 10 }),
        (a, b) => {
          const x = a.join('');
          const y = b.join('');
          const src = `| h1 | h2 |\n| --- | --- |\n| ${escapeMarkdown(x)} | ${escapeMarkdown(y)} |\n`;
          const [t] = tables(src);
          expect(t!.rows).toHaveLength(1);
          expect(t!.rows[0]).toEqual([oneLine(x).trim(), oneLine(y).trim()]);
          const html = mdit.render(src);
          expect(html).not.toMatch(/<(script|img|a|em|strong|code|del)\b/);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('renderMarkdown on a real report (cn-listed, lithium-battery, 广东)', () => {
  const { report } = realReport();
  const src = renderMarkdown(report);
  const all = tables(src);

  it('has the sections of the terminal summary, each table rectangular', () => {
    const headings = mdit
      .parse(src, {})
      .filter((t, i, ts) => t.type === 'inline' && ts[i - 1]?.type === 'heading_open')
      .map(inlineText);
    for (const h of [
      'Parameters',
      'Completeness',
      'Segments',
      'Weak links',
      'Missing roles',
      'Leading firms (链主)',
      'Targets (补链招商)',
      'Critical companies',
      'Resilience',
      'Data',
    ]) {
      expect(headings).toContain(h);
    }
    expect(headings[0]).toContain(report.template.name);
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const t of all) for (const r of t.rows) expect(r).toHaveLength(t.head.length);
  });

  it('holds the completeness figures, overall and by stage', () => {
    const [t] = find(all, 'Completeness');
    const row = (prefix: string) => t!.rows.find((r) => r[0]!.startsWith(prefix))!;
    const k = report.completeness;
    expect(pctOf(row('coverage')[1]!)).toBeCloseTo(100 * k.coverage, 1);
    expect(pctOf(row('redundancy')[1]!)).toBeCloseTo(100 * k.redundancy, 1);
    expect(pctOf(row('link')[1]!)).toBeCloseTo(100 * k.link, 1);
    expect(pctOf(row('path')[1]!)).toBeCloseTo(100 * k.path, 1);
    expect(row('coverage')[1]).toContain(`(${k.segments.present}/${k.segments.all})`);
    STAGES.forEach((stage, j) => {
      const f = k.byStage[stage];
      if (f.coverage != null)
        expect(pctOf(row('coverage')[2 + j]!)).toBeCloseTo(100 * f.coverage, 1);
      if (f.redundancy != null)
        expect(pctOf(row('redundancy')[2 + j]!)).toBeCloseTo(100 * f.redundancy, 1);
    });
    if (k.localSupply.byValue != null) {
      expect(pctOf(row('local supply ratio by value')[1]!)).toBeCloseTo(
        100 * k.localSupply.byValue,
        1,
      );
    }
    expect(src).toContain(`${k.localSupply.inferredEdges.toLocaleString('en-US')} `);
  });

  it('lists every segment under its stage with status and company count', () => {
    for (const stage of STAGES) {
      const segs = report.segments.filter((s) => s.stage === stage);
      const t = find(all, new RegExp(`^${stage}`, 'i'));
      if (segs.length === 0) continue;
      expect(t).toHaveLength(1);
      expect(t[0]!.rows).toHaveLength(segs.length);
      segs.forEach((s, i) => {
        const r = t[0]!.rows[i]!;
        expect(r[0]).toBe(`${s.name} (${s.id})`);
        expect(r[1]!.replace(' ', '-')).toBe(s.status);
        expect(Number(r[2]!.replace(/,/g, ''))).toBe(s.companies);
        if (s.members.length > 0) expect(r[4]!.startsWith(s.members[0]!.name)).toBe(true);
      });
    }
  });

  it('holds the leaders with every score component, targets with their explanations, critical cut-offs', () => {
    const [leaders] = find(all, 'Leading firms (链主)');
    expect(leaders!.rows).toHaveLength(report.leaders.length);
    const keys = Object.keys(report.leaders[0]!.components);
    expect(leaders!.head.slice(4)).toEqual([
      ...keys,
      'main segments (share of revenue)',
      'rests on',
    ]);
    report.leaders.forEach((l, i) => {
      const r = leaders!.rows[i]!;
      expect(r[1]).toBe(`${l.name} (${l.company})`);
      // Its largest holding with its share, and what the row rests on (links, size).
      const top = l.holdings[0]!;
      expect(r[4 + keys.length]).toMatch(/^\S+ (\d+(\.\d)?%(\+\?)?|share \?)/);
      if (top.share !== null)
        expect(r[4 + keys.length]).toContain(`${Math.round(top.share * 100)}`.slice(0, 1));
      expect(r[5 + keys.length]).toContain(l.basis.sizeKnown ? 'size known' : 'size unknown');
      expect(Number(r[3])).toBeCloseTo(l.score, 3);
      keys.forEach((key, j) =>
        expect(Number(r[4 + j]!.replace(/,/g, ''))).toBeCloseTo(l.components[key]!, 3),
      );
    });
    const [targets] = find(all, 'Targets (补链招商)');
    expect(targets!.rows).toHaveLength(report.targets.length);
    report.targets.forEach((tg, i) => {
      const r = targets!.rows[i]!;
      expect(r[1]).toBe(`${tg.name} (${tg.company})`);
      expect(r[r.length - 1]).toBe(oneLine(targetText(tg, indexReport(report))));
    });
    const [critical] = find(all, 'Critical companies');
    expect(critical!.rows).toHaveLength(report.critical.length);
    report.critical.forEach((c, i) => {
      expect(pctOf(critical!.rows[i]![3]!)).toBeCloseTo(100 * c.completenessDrop, 1);
      expect(Number(critical!.rows[i]![4])).toBe(c.cutOff.length);
    });
    const portfolio = report.portfolio as {
      picks: Array<{ company: string; gain: number; value: number }>;
    };
    const [picks] = find(all, 'Portfolio: the best targets together');
    expect(picks!.rows.map((r) => /\(([^()]*)\)$/.exec(r[1]!)![1])).toEqual(
      portfolio.picks.map((p) => p.company),
    );
    picks!.rows.forEach((r, i) =>
      expect(pctOf(r[4]!)).toBeCloseTo(100 * portfolio.picks[i]!.gain, 1),
    );
    const [missing] = find(all, 'Missing roles');
    expect(missing?.rows.length ?? 0).toBe(report.missingRoles.length);
    const [weak] = find(all, 'Weak links');
    expect(weak?.rows.length ?? 0).toBe(report.weakLinks.length);
  });

  it('gives resilience R and the data counts', () => {
    expect(src).toContain(`random ${report.resilience.R.random.toFixed(3)}`);
    expect(src).toContain(`targeted ${report.resilience.R.targeted.toFixed(3)}`);
    const [data] = find(all, 'Data');
    const value = (label: string) =>
      Number(data!.rows.find((r) => r[0] === label)![1]!.replace(/,/g, ''));
    expect(value('companies in the dataset')).toBe(report.dataset.companies);
    expect(value('relations in the dataset')).toBe(report.dataset.relations);
    expect(value('companies in the cluster')).toBe(report.cluster.companies);
  });
});

describe('renderMarkdown with hostile company names', () => {
  const { report, original } = realReport({ hostile: true });
  const src = renderMarkdown(report);
  const all = tables(src);
  const html = mdit.render(src);

  it('renders no markup from data: no script, image, link, emphasis or code', () => {
    expect(html).not.toMatch(/<(script|img|a|em|code|del)\b/i);
    expect(html).not.toContain('<!--');
    // Bold text only where the renderer writes it: as many <strong> as with the real names.
    const clean = mdit.render(renderMarkdown(realReport().report));
    expect(html.match(/<strong>/g)!.length).toBe(clean.match(/<strong>/g)!.length);
  });

  it('keeps every table rectangular, and names come back as the same text', () => {
    for (const t of all) for (const r of t.rows) expect(r).toHaveLength(t.head.length);
    const [leaders] = find(all, 'Leading firms (链主)');
    expect(report.leaders.length).toBeGreaterThan(0);
    report.leaders.forEach((l, i) => {
      expect(HOSTILE.some((x) => l.name.endsWith(x))).toBe(true);
      expect(original!.get(l.company)).toBeDefined();
      expect(leaders!.rows[i]![1]).toBe(`${oneLine(l.name)} (${l.company})`);
    });
    const hostileSeen = new Set<string>();
    for (const t of all)
      for (const r of t.rows)
        for (const cell of r)
          for (const x of HOSTILE) if (cell.includes(oneLine(x))) hostileSeen.add(x);
    expect(hostileSeen.size).toBe(HOSTILE.length);
  });
});

export type { ChainReport };
