/**
 * The CLI as a user runs it: exit codes of DESIGN §6 (0 ok, 1 bad data, 2 bad usage), one
 * readable line per error on stderr, and the figures it prints on the shipped data.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../src/program.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout: stdout.join('\n'), stderr };
}

function badDataset(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chainlens-cli-'));
  writeFileSync(
    join(dir, 'chainlens.json'),
    JSON.stringify({ name: 'bad', companies: 'companies.csv', relations: 'relations.csv' }),
  );
  writeFileSync(
    join(dir, 'companies.csv'),
    'id,name,region\nA,甲,浙江/宁波\nB,乙,浙江/杭州\nA,重复,\n',
  );
  writeFileSync(
    join(dir, 'relations.csv'),
    'source,target,type,weight\nA,B,supply,1\nB,C,supply,1\nA,B,supply,-3\n',
  );
  return dir;
}

describe('chainlens validate', () => {
  it('accepts the shipped datasets (exit 0) with the counts of every table', async () => {
    const r = await cli('validate', 'cn-listed');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/companies\s+companies\.csv\s+4,689\s+4,689\s+0\s+0/);
    expect(r.stdout).toMatch(/relations\s+relations\.csv\s+11,751\s+11,751\s+0/);
    expect(r.stdout).toContain('OK: every row accepted');
    expect((await cli('validate', 'eto-semiconductors')).code).toBe(0);
  });

  it('lists every rejected row as file:row:column: message and exits 1', async () => {
    const dir = badDataset();
    const r = await cli('validate', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${join(dir, 'companies.csv')}:4:id: duplicate company id 'A' (first at row 2)`,
    );
    expect(r.stdout).toContain(
      `${join(dir, 'relations.csv')}:3:target: unknown company 'C' (not in companies.csv)`,
    );
    expect(r.stdout).toContain(`${join(dir, 'relations.csv')}:4:weight: weight -3 is negative`);
    expect(r.stdout).toContain('FAILED: 3 rows rejected');
  });

  it('refuses a GBK file in one line naming the file as the user can open it (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-gbk-'));
    writeFileSync(
      join(dir, 'chainlens.json'),
      JSON.stringify({ name: 'gbk', companies: 'companies.csv' }),
    );
    // 宁德时代 in GBK.
    writeFileSync(
      join(dir, 'companies.csv'),
      Buffer.from([...Buffer.from('id,name\nA,'), 0xc4, 0xfe, 0xb5, 0xc2, 0xca, 0xb1, 0xb4, 0xfa]),
    );
    const r = await cli('validate', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toEqual([
      `chainlens: ${join(dir, 'companies.csv')}:2: not valid UTF-8 text at line 2, column 3 (bytes C4 FE); it reads as GBK/GB18030: convert it to UTF-8, or set "encoding": "gbk" in chainlens.json; 1 row not read (counted as rejected)`,
    ]);
  });

  it('says which dataset was meant when a name is mistyped (exit 1)', async () => {
    const r = await cli('validate', 'cn-lsted');
    expect(r.code).toBe(1);
    expect(r.stderr).toEqual([
      "chainlens: cn-lsted: no such file, folder or bundled dataset (did you mean 'cn-listed'?); bundled: cn-listed, eto-semiconductors",
    ]);
  });
});

describe('chainlens analyze', () => {
  it('prints the summary and validation report of the default dataset', async () => {
    const r = await cli('analyze');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/companies\s+4,689\s+4,554 with a region/);
    expect(r.stdout).toMatch(/relations\s+11,751\s+inferred-supply 11,751/);
    expect(r.stdout).toMatch(/广东\s+741/);
    expect(r.stdout).toContain('every row accepted');
  });

  it('summarises a region cluster', async () => {
    const r = await cli('analyze', 'cn-listed', '--region', '浙江');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cluster 浙江: 582 companies');
  });

  it('suggests a region when the one given has no companies (exit 1)', async () => {
    const r = await cli('analyze', 'cn-listed', '--region', '浙江省');
    expect(r.code).toBe(1);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(
      /^chainlens: region '浙江省' has no companies in cn-listed \(did you mean '浙江'/,
    );
  });

  it('analyses a bare edge list, reporting rejected rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-edges-'));
    const file = join(dir, 'edges.csv');
    writeFileSync(file, 'source,target,weight\na,b,1\nb,c,2\nc,a,NaN\n');
    const r = await cli('analyze', file);
    // Rows were rejected: exit 1 (issue 14), the count in the first line.
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toContain('1 rows rejected');
    expect((await cli('analyze', file, '--allow-rejected')).code).toBe(0);
    expect(r.stdout).toMatch(/companies\s+3\s/);
    expect(r.stdout).toMatch(/relations\s+2\s+supply 2/);
    expect(r.stdout).toContain(`${file}:4:weight: weight 'NaN' is NaN`);
    expect(r.stdout).toContain('1 rows rejected');
  });

  it('refuses bad usage with exit 2', async () => {
    expect((await cli('analyze', '--regoin', 'x')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect(
      (await cli('analyze', 'cn-listed', '--region', '浙江', '--companies', 'x.txt')).code,
    ).toBe(2);
  });
});

describe('the built bin', () => {
  it('runs from the shell with one error line on stderr and the exit code', () => {
    const bin = join(ROOT, 'packages/cli/dist/bin.js');
    const ok = spawnSync(process.execPath, [bin, 'validate', 'eto-semiconductors'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('OK: every row accepted');
    const bad = spawnSync(process.execPath, [bin, 'analyze', 'no/such/dir'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(
      'chainlens: no/such/dir: no such file, folder or bundled dataset; bundled: cn-listed, eto-semiconductors\n',
    );
    const usage = spawnSync(process.execPath, [bin, 'validate'], { cwd: ROOT, encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
  });
});
