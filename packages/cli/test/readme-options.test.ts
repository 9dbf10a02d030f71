/**
 * packages/cli/README.md documents every command and every option that program.ts declares, as
 * `chainlens --help` shows them: each command has its `## chainlens …` section, each option of the
 * command is listed there as `--name`, with the default the help prints in its brackets, and the
 * global options are under Conventions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANALYZE_DEFAULTS } from '@chainlens/core';
import { run } from '../src/program.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

async function help(path: string[]): Promise<string> {
  const lines: string[] = [];
  const code = await run([...path, '--help'], {
    out: (l = '') => lines.push(l),
    err: (l) => lines.push(l),
  });
  expect(code).toBe(0);
  return lines.join('\n');
}

/** The entries of one `Heading:` section of a help text, continuation lines joined. */
function entries(text: string, heading: string): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of text.split('\n')) {
    if (/^\S.*:$/.test(line)) {
      inside = line === `${heading}:`;
      continue;
    }
    if (!inside || line.trim() === '') continue;
    if (/^ {2}\S/.test(line)) out.push(line.trim());
    else out[out.length - 1] += ` ${line.trim()}`;
  }
  return out;
}

interface HelpOption {
  name: string;
  default?: string;
}

function options(text: string, heading: string): HelpOption[] {
  return entries(text, heading)
    .map((e) => ({
      name: /^(?:-\w, )?(--[\w-]+)/.exec(e)![1]!,
      default: /\(default: "([^"]*)"\)/.exec(e)?.[1],
    }))
    .filter((o) => o.name !== '--help');
}

/** Leaf command paths (`['template', 'list']`), from the help's Commands sections. */
async function commandPaths(prefix: string[] = []): Promise<string[][]> {
  const names = entries(await help(prefix), 'Commands')
    .map((e) => e.split(/\s/)[0]!)
    .filter((n) => n !== 'help');
  if (names.length === 0) return [prefix];
  const out: string[][] = [];
  for (const n of names) out.push(...(await commandPaths([...prefix, n])));
  return out;
}

/** The README section `## heading`, up to the next `## `. */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  expect(start, `README section "## ${heading}"`).toBeGreaterThanOrEqual(0);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

describe('packages/cli/README.md', () => {
  it('has a section per command with every option and the default --help prints', async () => {
    const paths = await commandPaths();
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining(['validate', 'analyze', 'metrics', 'template extract', 'compare']),
    );
    let checked = 0;
    for (const path of paths) {
      const text = section(`chainlens ${path.join(' ')}`);
      for (const o of options(await help(path), 'Options')) {
        const line = text.split('\n').find((l) => l.startsWith(`- \`${o.name}\``));
        expect(line, `${path.join(' ')} ${o.name} in the README`).toBeDefined();
        if (o.default !== undefined) {
          const bracket = /\[([^\]]*)\]/.exec(line!)?.[1] ?? '';
          expect(bracket, `${path.join(' ')} ${o.name} default`).toContain(o.default);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('lists the global options under Conventions', async () => {
    const conventions = section('Conventions');
    for (const o of options(await help(['analyze']), 'Global Options')) {
      expect(conventions).toContain(`\`${o.name}\``);
    }
  });

  it("gives analyze's defaults as ANALYZE_DEFAULTS has them", () => {
    const analyze = section('chainlens analyze');
    const d = ANALYZE_DEFAULTS;
    for (const [flag, value] of [
      ['--seed', d.seed],
      ['--redundancy', d.redundancy],
      ['--hhi', d.hhiThreshold],
      ['--min-share', d.minShare],
      ['--theta', d.theta],
    ] as const) {
      expect(analyze).toContain(`- \`${flag}\` number [${value}]`);
    }
  });
});
