/**
 * packages/io/README.md names every function, class and constant that `@chainlens/io` and
 * `@chainlens/io/node` export (as `name` in backticks), so that the reference cannot fall behind
 * the code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as io from '../src/index.js';
import * as ioNode from '../src/node.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('packages/io/README.md', () => {
  it('names every runtime export of both entries', () => {
    const names = [...Object.keys(io), ...Object.keys(ioNode)];
    expect(names.length).toBeGreaterThan(50);
    const missing = names.filter(
      (n) => !README.includes(`\`${n}\``) && !README.includes(`\`${n}(`),
    );
    expect(missing).toEqual([]);
  });

  it('gives each function of the node entry its own section', () => {
    for (const n of Object.keys(ioNode)) expect(README).toContain(`\n### ${n}\n`);
  });
});
