import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cell } from '@chainlens/io';
import { DataError, TableError, decodeText, scanDelimited } from '@chainlens/io';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { scanDelimitedChunks, textChunks } from '../src/stream.js';

type Event =
  | ['header', string[]]
  | ['row', Cell[], number]
  | ['bad' | 'warn', string, number | undefined]
  | ['error', string, number | undefined, number | undefined];

/** Everything a scanner tells its sink, and the error it ends with. */
function events(scan: (sink: Parameters<typeof scanDelimited>[1]) => void): Event[] {
  const out: Event[] = [];
  try {
    scan({
      header: (columns) => out.push(['header', columns]),
      row: (cells, row) => out.push(['row', cells, row]),
      bad: (row, code, message, column) => out.push(['bad', `${code}:${column}: ${message}`, row]),
      warn: (code, message, row) => out.push(['warn', `${code}: ${message}`, row]),
    });
  } catch (e) {
    if (!(e instanceof TableError)) throw e;
    // With the rows not read after it (issue 14): the same count however the text is cut.
    out.push(['error', `${e.code}: ${e.message}`, e.row, e.unread]);
  }
  return out;
}

/** Cuts text into pieces at the given cut points. */
function pieces(text: string, cuts: number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const c of at) {
    out.push(text.slice(last, c));
    last = c;
  }
  out.push(text.slice(last));
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), 'chainlens-stream-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('scanDelimitedChunks', () => {
  const cases: Record<string, string> = {
    plain: 'a,b\n1,2\n3,4\n',
    'quoted line breaks and quotes': 'a,b\n"x\ny",2\n"say ""hi""",3\n',
    'CRLF and a lone CR': 'a,b\r\n1,2\r\n3,4\r5,6\r\n',
    'blank lines': 'a,b\n\n1,2\n\n\n3,4\n\n',
    'byte-order mark': '\uFEFFa,b\n1,2\n',
    'ragged and empty cells': 'a,b,c\n1,2\n,,\n4,5,6,7\n',
    'no final line break': 'a,b\n1,2',
    'unterminated quote': 'a,b\n1,2\n"x,3\n4,5\n',
    'unterminated quote, blank lines after': 'a,b\n1,2\n"x,3\n\n4,5\n\n6,7\n8',
    'missing header cell, rows after': 'a,,b\n1,2\n\n3,4\n',
    'control characters and mixed line endings': 'a,b\r\n1,\u0001\n2,\u009f\r3,x\r\n',
    'malformed quote': 'a,b\n"x"y,2\n',
    'duplicate header': 'a,a\n1,2\n',
    empty: '',
    'only blank lines': '\n\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`reads "${name}" as io reads the whole text, however it is cut`, () => {
      const whole = events((sink) => scanDelimited(text, sink));
      for (let size = 1; size <= Math.max(1, text.length); size++) {
        const chunks: string[] = [];
        for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
        expect(events((sink) => scanDelimitedChunks(chunks, sink))).toEqual(whole);
      }
    });
  }

  it('matches io on random CSV text cut at random places (property)', () => {
    const cell = fc.stringMatching(/^[ab,"\n\r x]{0,4}$/);
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 0, maxLength: 6 }),
        fc.array(fc.nat(200), { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (rows, cuts, newline) => {
          const text = ['h1,h2', ...rows.map((r) => r.join(','))].join(newline);
          const whole = events((sink) => scanDelimited(text, sink));
          expect(events((sink) => scanDelimitedChunks(pieces(text, cuts), sink))).toEqual(whole);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads TSV', () => {
    const text = 'a\tb\n1\t"x\ty"\n';
    expect(events((sink) => scanDelimitedChunks(pieces(text, [3, 7]), sink, '\t'))).toEqual(
      events((sink) => scanDelimited(text, sink, '\t')),
    );
  });
});

describe('textChunks', () => {
  it('decodes UTF-8 split inside a character, and drops the byte-order mark', () => {
    const file = join(tmp, 'u.csv');
    writeFileSync(file, '\uFEFFid,name\n1,浙江绍兴\n');
    expect([...textChunks(file, 'u.csv', {}, 5)].join('')).toBe('id,name\n1,浙江绍兴\n');
  });

  it('reports bad bytes as io does (line, byte offset, a GBK hint)', () => {
    const gbk = Uint8Array.from([
      ...new TextEncoder().encode('id,name\n1,x\n2,'),
      0xd5,
      0xe3,
      0xbd,
      0xad,
      0x0a,
    ]);
    const file = join(tmp, 'g.csv');
    writeFileSync(file, gbk);
    let io: DataError | undefined;
    try {
      decodeText(gbk, 'g.csv');
    } catch (e) {
      io = e as DataError;
    }
    expect(io).toBeInstanceOf(DataError);
    expect(() => [...textChunks(file, 'g.csv', {}, 4)]).toThrow(io!.message);
  });

  it('gunzips .gz files as it reads', async () => {
    const { gzipSync } = await import('node:zlib');
    const file = join(tmp, 'z.csv.gz');
    writeFileSync(file, gzipSync(Buffer.from('a,b\n1,2\n'.repeat(1000))));
    expect([...textChunks(file, 'z.csv.gz', {}, 64)].join('')).toBe('a,b\n1,2\n'.repeat(1000));
  });
});
