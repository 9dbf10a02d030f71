/**
 * The prepared form (prepared.ts) on the bundled datasets: what is read back is the dataset and
 * report io reads from the tables, and any change to the folder's files makes it stale.
 */
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  openSync,
  closeSync,
  readSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { readDataset } from '@chainlens/io/node';
import { afterAll, describe, expect, it } from 'vitest';
import { preparedPath, readPrepared, writePrepared } from '../src/prepared.js';

const DATASETS = fileURLToPath(new URL('../../../datasets/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'chainlens-prepared-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function copy(name: string): string {
  const dir = join(tmp, `${name}-${Math.random().toString(36).slice(2)}`);
  cpSync(join(DATASETS, name), dir, { recursive: true });
  return dir;
}

describe('prepared form', () => {
  it.each(['cn-listed', 'eto-semiconductors'])(
    'reads back exactly what io reads from %s',
    { timeout: 120_000 },
    (name) => {
      const dir = copy(name);
      const loaded = readDataset(dir);
      const { path, bytes } = writePrepared(dir, loaded);
      expect(path).toBe(preparedPath(dir));
      expect(statSync(path).size).toBe(bytes);
      const read = readPrepared(dir);
      expect(read.state).toBe('fresh');
      if (read.state !== 'fresh') return;
      // isDeepStrictEqual: typed arrays, NaN shares, empty attribute columns, products.
      expect(isDeepStrictEqual(read.result.dataset, loaded.dataset)).toBe(true);
      expect(read.result.report).toEqual(loaded.report);
      expect(read.result.manifest).toEqual(loaded.manifest);
      expect(loaded.dataset.memberships.company.length).toBeGreaterThan(500);
    },
  );

  it('goes stale when a file is touched, grows, is rewritten at either end, added or removed', () => {
    const dir = copy('eto-semiconductors');
    // A file larger than the two hashed ends (64 KiB each), as the national tables are.
    const big = join(dir, 'notes.csv');
    writeFileSync(big, 'x,y\n'.repeat(100_000));
    const loaded = readDataset(dir);
    const fresh = () => writePrepared(dir, loaded);
    fresh();
    expect(readPrepared(dir).state).toBe('fresh');

    const file = join(dir, 'memberships.csv');
    const later = new Date(statSync(file).mtimeMs + 5000);
    utimesSync(file, later, later);
    expect(readPrepared(dir)).toEqual({ state: 'stale', file: 'memberships.csv', change: 'mtime' });

    fresh();
    appendFileSync(join(dir, 'companies.csv'), '');
    appendFileSync(file, 'x');
    expect(readPrepared(dir)).toMatchObject({ file: 'memberships.csv', change: 'size' });

    // Same size, same modification time, one byte changed: seen in the first and last 64 KiB,
    // not in between (the price of not hashing whole files; prepared.ts says why).
    const edit = (at: (size: number) => number) => {
      // A whole second, which utimes sets exactly (as `cp -p` or an archive keeps a time).
      const when = Math.floor(statSync(big).mtimeMs / 1000) - 60;
      utimesSync(big, when, when);
      fresh();
      const st = statSync(big);
      const fd = openSync(big, 'r+');
      const b = Buffer.alloc(1);
      const pos = at(st.size);
      readSync(fd, b, 0, 1, pos);
      b[0] = b[0] === 0x31 ? 0x32 : 0x31;
      writeSync(fd, b, 0, 1, pos);
      closeSync(fd);
      utimesSync(big, when, when);
      expect(statSync(big).mtimeMs).toBe(st.mtimeMs);
      return readPrepared(dir);
    };
    expect(edit((size) => size - 3)).toMatchObject({ file: 'notes.csv', change: 'contents' });
    expect(edit(() => 40)).toMatchObject({ file: 'notes.csv', change: 'contents' });
    expect(edit((size) => size >> 1).state).toBe('fresh');

    fresh();
    writeFileSync(join(dir, 'more.txt'), 'new');
    expect(readPrepared(dir)).toMatchObject({ file: 'more.txt', change: 'added' });
    fresh();
    rmSync(join(dir, 'more.txt'));
    expect(readPrepared(dir)).toMatchObject({ file: 'more.txt', change: 'removed' });
  });

  it('says when there is none or it is not a prepared file', () => {
    const dir = copy('eto-semiconductors');
    expect(readPrepared(dir).state).toBe('none');
    writePrepared(dir, readDataset(dir));
    writeFileSync(preparedPath(dir), 'not this');
    expect(readPrepared(dir).state).toBe('old-format');
  });
});
