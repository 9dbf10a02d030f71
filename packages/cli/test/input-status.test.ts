/**
 * Issue 14: no command calls a dataset clean that was not read to its end. validate, analyze,
 * metrics and compare print the rejected rows in their first line and exit 1 unless
 * --allow-rejected (which still prints the count).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/program.js';

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout, stderr };
}

const IDS = Array.from({ length: 31 }, (_, i) => `C${i}`);

/** 30 relations, line 5 opens a quote that never closes: 3 rows read, 27 lost. */
function lossyDataset(relations?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'chainlens-lossy-'));
  const write = (file: string, text: string) => writeFileSync(join(dir, file), text);
  write(
    'chainlens.json',
    JSON.stringify({
      name: 'lossy',
      companies: 'companies.csv',
      memberships: 'memberships.csv',
      relations: 'relations.csv',
      templates: ['t.json'],
    }),
  );
  write(
    'companies.csv',
    `id,name,region\n${IDS.map((id, i) => `${id},${id},${i % 2 ? '江苏/苏州' : '浙江/杭州'}`).join('\n')}\n`,
  );
  write('memberships.csv', 'company,segment\nC0,s1\nC1,s2\nC2,s1\nC3,s2\n');
  write(
    't.json',
    JSON.stringify({
      id: 't',
      name: 'T',
      segments: [
        { id: 's1', name: 'S1', stage: 'upstream' },
        { id: 's2', name: 'S2', stage: 'downstream' },
      ],
      feeds: [['s1', 's2']],
    }),
  );
  const rows = IDS.slice(1).map((id, i) => (i === 3 ? `C0,"${id}` : `C0,${id}`));
  write('relations.csv', relations ?? `source,target\n${rows.join('\n')}\n`);
  return dir;
}

const LOST = '27 rows rejected (27 of them never read), a file not read to the end (relations.csv)';

describe('a dataset not read to its end', () => {
  const dir = lossyDataset();
  const commands: Record<string, string[]> = {
    validate: ['validate', dir],
    analyze: ['analyze', dir, '--quiet'],
    'analyze --template': ['analyze', dir, '--template', 't', '--quiet'],
    metrics: ['metrics', dir, '--quiet'],
    compare: ['compare', dir, '--template', 't', '--quiet'],
  };
  for (const [name, args] of Object.entries(commands)) {
    it(`${name}: the rejected count in the first line, exit 1 unless --allow-rejected`, async () => {
      const r = await cli(...args);
      expect(r.stdout[0]).toContain(LOST);
      expect(r.stdout.join('\n')).not.toContain('every row accepted');
      expect(r.code).toBe(1);
      const allowed = await cli(...args, '--allow-rejected');
      expect(allowed.stdout[0]).toContain(LOST);
      expect(allowed.code).toBe(0);
    });
  }

  it('metrics --out -: the count on stderr, the CSV on stdout', async () => {
    const r = await cli('metrics', dir, '--out', '-', '--quiet');
    expect(r.stdout[0]).toMatch(/^id,/);
    expect(r.stderr.join('\n')).toContain(LOST);
    expect(r.code).toBe(1);
  });

  it('names the file and both columns of a duplicated header column', async () => {
    const dup = lossyDataset('source,target,source\nC0,C1,C2\nC1,C2,C3\n');
    const r = await cli('analyze', dup, '--quiet');
    expect(r.code).toBe(1);
    expect(r.stdout[0]).toContain('2 rows rejected (2 of them never read)');
    expect(r.stdout.join('\n')).toContain(
      `${join(dup, 'relations.csv')}:1:source: header columns 1 and 3 are both named 'source'`,
    );
  });
});
