/**
 * Issue 14 part 6: a file of a dataset folder that is a symbolic link to a file outside the
 * folder is refused, by name, without a word of the outside file (it could be ~/.ssh/id_rsa
 * or /etc/shadow's first line in an error message). A link that stays inside is followed.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '@chainlens/io';
import { datasetPath, readDataset } from '@chainlens/io/node';

const SECRET = 'SECRET-TOKEN-4f1c';

/** A dataset folder whose companies table is `link` (made by `make`), and an outside file. */
function linkedDataset(make: (dir: string, outside: string) => void): string {
  const base = mkdtempSync(join(tmpdir(), 'chainlens-symlink-'));
  const dir = join(base, 'dataset');
  mkdirSync(dir);
  const outside = join(base, 'outside.csv');
  // Looks like a companies table, so a reader that followed the link would quote it.
  writeFileSync(outside, `id,name,region\n${SECRET},"${SECRET}",${SECRET}\n`);
  writeFileSync(
    join(dir, 'chainlens.json'),
    JSON.stringify({ name: 'linked', companies: 'companies.csv' }),
  );
  make(dir, outside);
  return dir;
}

function loadMessage(dir: string): string {
  try {
    const { report } = readDataset(dir);
    return report.issues.map((i) => `${i.file}: ${i.message}`).join('\n');
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return (e as Error).message;
  }
}

describe('symbolic links in a dataset folder', () => {
  it('a table that links outside the folder is refused by name, its content never quoted', () => {
    const dir = linkedDataset((d, outside) => symlinkSync(outside, join(d, 'companies.csv')));
    const message = loadMessage(dir);
    expect(message).toContain(
      'companies.csv: a symbolic link to a file outside the dataset folder',
    );
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('outside.csv');
  });

  it('a link through a linked sub-folder is refused too', () => {
    const dir = linkedDataset((d, outside) => {
      symlinkSync(join(outside, '..'), join(d, 'sub'));
      writeFileSync(
        join(d, 'chainlens.json'),
        JSON.stringify({ name: 'linked', companies: 'sub/outside.csv' }),
      );
    });
    const message = loadMessage(dir);
    expect(message).toMatch(/sub\/outside\.csv: a symbolic link to a file outside/);
    expect(message).not.toContain(SECRET);
  });

  it('the manifest itself linked from outside is refused', () => {
    const base = mkdtempSync(join(tmpdir(), 'chainlens-symlink-'));
    writeFileSync(join(base, 'm.json'), JSON.stringify({ name: SECRET, companies: 'c.csv' }));
    mkdirSync(join(base, 'dataset'));
    symlinkSync(join(base, 'm.json'), join(base, 'dataset', 'chainlens.json'));
    const message = loadMessage(join(base, 'dataset'));
    expect(message).toMatch(/chainlens\.json: a symbolic link to a file outside/);
    expect(message).not.toContain(SECRET);
  });

  it('a link that stays inside the folder is followed', () => {
    const dir = linkedDataset((d) => {
      writeFileSync(join(d, 'real.csv'), 'id,name,region\nA,甲,浙江/杭州\nB,乙,江苏/苏州\n');
      symlinkSync('real.csv', join(d, 'companies.csv'));
    });
    const { dataset, report } = readDataset(dir);
    expect(report.errors).toBe(0);
    expect(dataset.companies.names).toEqual(['甲', '乙']);
    expect(datasetPath(dir, 'companies.csv')).toBe(join(dir, 'companies.csv'));
  });
});
