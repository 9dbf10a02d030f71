/**
 * Issue 14 part 5: text from data is made safe wherever it is shown. A dataset whose names hold
 * an SGR colour sequence (ESC[31m), an OSC 8 hyperlink, a right-to-left override (U+202E) and a
 * 10,000-character name: what the CLI prints has no ESC and no C1 control and shows the
 * override as <U+202E>; report.html isolates data text in <bdi> and wraps long names.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import stringWidth from 'string-width';
import { sanitizeTerminal, table } from '../src/output.js';
import { run } from '../src/program.js';

const ESC = '\x1b';
export const RED = `${ESC}[31m红色${ESC}[0m`;
export const LINK = `${ESC}]8;;https://evil.example/${ESC}\\点我${ESC}]8;;${ESC}\\`;
export const RLO = '\u202e';
export const LONG = 'A'.repeat(10_000);

/**
 * The hostile dataset: escape sequences in the manifest's and the template's names (JSON text,
 * read as is) and in two company names (refused as control characters, quoted in the error
 * lines); U+202E in a company, a segment and the chain name; one company named by 10,000 `A`s
 * and one segment by 5,000 `B`s.
 */
export function hostileDataset(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chainlens-hostile-'));
  const write = (file: string, text: string) => writeFileSync(join(dir, file), text);
  write(
    'chainlens.json',
    JSON.stringify({
      name: `hostile ${RED} ${LINK}`,
      companies: 'companies.csv',
      memberships: 'memberships.csv',
      relations: 'relations.csv',
      templates: ['t.json'],
    }),
  );
  const companies: [string, string, string][] = [
    ['C0', `甲${RED}`, '江苏/苏州'],
    ['C1', `乙${LINK}`, '江苏/苏州'],
    ['C2', `丙${RLO}科技fdp.exe`, '江苏/苏州'],
    ['C3', LONG, '江苏/苏州'],
    ['C4', '丁', '江苏/苏州'],
    ['C5', `戊${RLO}反向`, '江苏/苏州'],
  ];
  write(
    'companies.csv',
    `id,name,region\n${companies.map(([id, name, region]) => `${id},"${name}",${region}\n`).join('')}`,
  );
  write('memberships.csv', 'company,segment\nC0,s1\nC1,s2\nC2,s1\nC3,s2\nC4,s1\nC5,s2\n');
  write('relations.csv', 'source,target\nC2,C3\nC4,C3\nC0,C1\nC5,C3\n');
  write(
    't.json',
    JSON.stringify({
      id: 't',
      name: `T${RED}${RLO}`,
      segments: [
        { id: 's1', name: `上游${LINK}${RLO}材料`, stage: 'upstream' },
        { id: 's2', name: `下游${'B'.repeat(5000)}`, stage: 'downstream' },
      ],
      feeds: [['s1', 's2']],
    }),
  );
  return dir;
}

const CHROMIUM =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

describe('sanitizeTerminal', () => {
  it('removes escape sequences whole, C0 but tab and newline, DEL and C1; shows bidi controls', () => {
    expect(sanitizeTerminal(`a${RED}b`)).toBe('a红色b');
    // The OSC 8 sequence goes with its URL; the link text stays.
    expect(sanitizeTerminal(`x${LINK}y`)).toBe('x点我y');
    expect(sanitizeTerminal('a\x07b\x00c\x7fd\x9b31me\x85f\tg\nh')).toBe('abcdef\tg\nh');
    expect(sanitizeTerminal(`${ESC}]0;title\x07after`)).toBe('after');
    expect(sanitizeTerminal(`戊${RLO}反向\u2066x\u2069`)).toBe('戊<U+202E>反向<U+2066>x<U+2069>');
    // Tables are aligned on the text as printed.
    const [, , a, b] = table(
      ['name', 'n'],
      [
        [`戊${RLO}反向`, '1'],
        ['丁', '22'],
      ],
      [1],
    );
    expect(stringWidth(sanitizeTerminal(a!))).toBe(stringWidth(sanitizeTerminal(b!)));
    // Ordinary text, Chinese and box drawing, is untouched.
    const plain = '链主企业 1,234 家 84.6% ─── → “引号”';
    expect(sanitizeTerminal(plain)).toBe(plain);
  });
});

describe('hostile names through the CLI', () => {
  const dir = hostileDataset();
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Runs a command with the real console output (consoleOut), capturing the bytes written. */
  async function printed(...args: string[]) {
    const written: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const code = await run(args);
    vi.restoreAllMocks();
    return { code, text: written.join('') };
  }

  it.each([
    ['validate', [dir]],
    ['analyze', [dir, '--template', 't', '--region', '江苏', '--quiet']],
    ['metrics', [dir, '--quiet']],
  ])('%s prints no escape sequence, no C1 control and no raw bidi override', async (_, args) => {
    const { text } = await printed(_, ...args);
    // The run did print the hostile text (not an early failure)...
    expect(text).toContain('红色');
    // ...without a single ESC, C0 control (but tab and newline), DEL or C1 control.
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(text).not.toContain('evil.example');
    expect(text).not.toContain(RLO);
  });

  it('analyze shows the override as <U+202E> where a name holds one', async () => {
    const { code, text } = await printed(
      'analyze',
      dir,
      '--template',
      't',
      '--region',
      '江苏',
      '--quiet',
      '--allow-rejected',
    );
    expect(code).toBe(0);
    expect(text).toContain('<U+202E>');
    expect(text).toContain(LONG);
  });

  /** `analyze --out` of the hostile dataset; the report folder. */
  async function hostileReport(): Promise<string> {
    const out = mkdtempSync(join(tmpdir(), 'chainlens-hostile-out-'));
    const { code } = await printed(
      'analyze',
      dir,
      '--template',
      't',
      '--region',
      '江苏',
      '--quiet',
      '--allow-rejected',
      '--out',
      out,
      '--force',
    );
    expect(code).toBe(0);
    return out;
  }

  it('report.html isolates data text in <bdi>; report.md shows bidi controls as text', async () => {
    const out = await hostileReport();
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<bdi>戊\u202e反向<\/bdi>/);
    expect(html).toContain(`<bdi>${LONG}</bdi>`);
    expect(html).toContain('overflow-wrap:anywhere');
    // No escape sequence in either file (`cat report.md` must not colour the terminal).
    expect(html).not.toContain(ESC);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).not.toContain(ESC);
    expect(md).toContain('\\<U+001B\\>\\[31m红色');
    expect(md).not.toContain(RLO);
    expect(md).toContain('戊\\<U+202E\\>反向');
  });

  it.skipIf(!CHROMIUM && !process.env.CI)(
    'in Chromium, no table of report.html is wider than the viewport',
    async () => {
      const out = await hostileReport();
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.goto(pathToFileURL(join(out, 'report.html')).href);
        const widths = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          tables: [...document.querySelectorAll('table')].map(
            (t) => t.getBoundingClientRect().width,
          ),
          // The 10,000-character name is on the page, in full.
          long: [...document.querySelectorAll('bdi')].some((b) => b.textContent!.length === 10_000),
        }));
        expect(widths.long).toBe(true);
        expect(widths.tables.length).toBeGreaterThan(3);
        expect(Math.max(...widths.tables)).toBeLessThanOrEqual(1280);
        expect(widths.page).toBeLessThanOrEqual(1280);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
