/**
 * Issue 14 part 6: Arrow input read with a guard. The fixtures arrow-hang-*.arrow are 1.6 KB
 * mutations of a valid companies file (arrow-valid-companies.arrow: 30 rows id, name, region)
 * found by fuzzing on which apache-arrow's `tableFromIPC` never returns: a footer that declares
 * 1.76 billion record batches, a message whose metadata length is negative, a message whose
 * vtable says "no fields" (read as a header of type NONE, the same block read again and
 * again), and a vtable size above 32,767. Each is shown to hang a bare `tableFromIPC` (a child
 * process killed after 3 s), then to be refused by the reader within a second, naming the file
 * and the reason.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { Cell } from '@chainlens/io';
import { ArrowGuardError, TableError, guardArrow, scanTable } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const HANGS = readdirSync(FIXTURES).filter((f) => /^arrow-hang-.*\.arrow$/.test(f));
const VALID = join(FIXTURES, 'arrow-valid-companies.arrow');
const ARROW = createRequire(import.meta.url).resolve('apache-arrow');

/** Whether a bare tableFromIPC (and reading every value) returns within `ms`, in a child. */
function bareDecodeReturns(file: string, ms: number): Promise<boolean> {
  const code = `const a = require(${JSON.stringify(ARROW)});
try { const t = a.tableFromIPC(require('fs').readFileSync(${JSON.stringify(file)}));
  for (let c = 0; c < t.numCols; c++) for (let r = 0; r < t.numRows; r++) String(t.getChildAt(c).get(r));
} catch {}`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(false);
    }, ms);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Scans a table file, collecting rows; returns them or the TableError. */
function scan(bytes: Uint8Array, file: string): { rows: Cell[][] } | TableError {
  const rows: Cell[][] = [];
  try {
    scanTable(bytes, file, {
      header() {},
      row: (values) => rows.push(values),
      bad() {},
    });
  } catch (e) {
    if (e instanceof TableError) return e;
    throw e;
  }
  return { rows };
}

describe('Arrow guard', () => {
  it('has the fixtures', () => {
    expect(HANGS.length).toBeGreaterThanOrEqual(3);
  });

  it('the valid file decodes through the guard, whole', () => {
    const result = scan(readFileSync(VALID), 'companies.arrow');
    expect(result).not.toBeInstanceOf(TableError);
    const { rows } = result as { rows: Cell[][] };
    expect(rows).toHaveLength(30);
    expect(rows[3]).toEqual(['C3', '公司3', '江苏/苏州']);
  });

  it('a stream (not a file) with two record batches passes the guard', () => {
    const table = tableFromArrays({ id: ['A', 'B', 'C'], name: ['甲', '乙', '丙'] });
    const stream = tableToIPC(table.concat(table), 'stream');
    expect(() => guardArrow(stream)).not.toThrow();
    const result = scan(stream, 'x.arrow') as { rows: Cell[][] };
    expect(result.rows).toHaveLength(6);
  });

  it.each(HANGS)(
    '%s hangs a bare tableFromIPC',
    async (name) => {
      expect(await bareDecodeReturns(join(FIXTURES, name), 3000)).toBe(false);
    },
    10_000,
  );

  it.each(HANGS)('%s is refused by the reader within a second, with the reason', (name) => {
    const bytes = readFileSync(join(FIXTURES, name));
    const t0 = performance.now();
    expect(() => guardArrow(bytes)).toThrow(ArrowGuardError);
    const result = scan(bytes, 'companies.arrow');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(result).toBeInstanceOf(TableError);
    const e = result as TableError;
    expect(e.code).toBe('malformed-arrow');
    expect(e.message).toMatch(/^not a valid Arrow IPC file: .*(declares|corrupt|type|outside)/);
  });

  it('validate of a dataset whose companies.arrow hangs tableFromIPC names the file and returns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-arrow-hang-'));
    copyFileSync(join(FIXTURES, HANGS[0]!), join(dir, 'companies.arrow'));
    writeFileSync(
      join(dir, 'chainlens.json'),
      JSON.stringify({ name: 'hang', companies: 'companies.arrow' }),
    );
    const t0 = performance.now();
    let message = '';
    try {
      const { report } = readDataset(dir);
      message = report.issues.map((i) => `${i.file}: ${i.message}`).join('\n');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(message).toMatch(/companies\.arrow.*not a valid Arrow IPC file/);
  });

  it('refuses a record batch that declares more rows than its body can hold', () => {
    const table = tableFromArrays({ id: ['A', 'B', 'C'] });
    const bytes = tableToIPC(table, 'stream');
    // The RecordBatch `length` (int64) is 3: find it after the schema message and make it 2^40.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const at = [...bytes.keys()].filter(
      (i) => i + 8 <= bytes.length && view.getBigInt64(i, true) === 3n,
    );
    expect(at.length).toBeGreaterThan(0);
    let refused = 0;
    for (const i of at) {
      const copy = bytes.slice();
      new DataView(copy.buffer).setBigInt64(i, 1n << 40n, true);
      try {
        guardArrow(copy);
      } catch (e) {
        expect(e).toBeInstanceOf(ArrowGuardError);
        if (/declares 1,099,511,627,776 rows|column 1 declares/.test((e as Error).message))
          refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
