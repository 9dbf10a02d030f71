import { describe, expect, it } from 'vitest';
import type { ChainTemplate } from '../src/index.js';
import { checkTemplate, matchesInclude, segmentsForItem } from '../src/index.js';

const seg = (id: string, includes: string[] = []) => ({
  id,
  name: id,
  stage: 'midstream' as const,
  weight: 1,
  includes,
});

describe('checkTemplate', () => {
  it('accepts a DAG and reports duplicate ids, unknown ends, self-feeds and cycles', () => {
    const ok: ChainTemplate = {
      id: 't',
      name: 't',
      segments: [seg('a'), seg('b'), seg('c')],
      feeds: [
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c'],
      ],
    };
    expect(checkTemplate(ok)).toEqual([]);
    const bad: ChainTemplate = {
      id: 't',
      name: 't',
      segments: [seg('a'), seg('b'), seg('a')],
      feeds: [
        ['a', 'x'],
        ['b', 'b'],
        ['a', 'b'],
        ['b', 'a'],
        ['a', 'b'],
      ],
    };
    expect(checkTemplate(bad)).toEqual([
      { path: 'segments[2].id', message: "duplicate segment id 'a' (first at segments[0])" },
      { path: 'feeds[0]', message: "unknown segment 'x'" },
      { path: 'feeds[1]', message: "segment 'b' feeds itself" },
      { path: 'feeds[4]', message: "duplicate feed 'a' → 'b'" },
      { path: 'feeds', message: 'feeds form a cycle through segments a, b' },
    ]);
  });
});

describe('includes', () => {
  it('matches exact names and wildcards at either end', () => {
    expect(matchesInclude('碳酸锂', '碳酸锂')).toBe(true);
    expect(matchesInclude('碳酸锂', '电池级碳酸锂')).toBe(false);
    expect(matchesInclude('*碳酸锂', '电池级碳酸锂')).toBe(true);
    expect(matchesInclude('磷酸铁锂*', '磷酸铁锂正极材料')).toBe(true);
    expect(matchesInclude('*锂*', '氢氧化锂粉')).toBe(true);
    expect(matchesInclude('*锂*', '钴')).toBe(false);
  });

  it('treats a `*` inside a pattern as a wildcard (glob: any run of characters, also none)', () => {
    expect(matchesInclude('锂电池*设备', '锂电池设备')).toBe(true);
    expect(matchesInclude('锂电池*设备', '锂电池生产设备')).toBe(true);
    expect(matchesInclude('锂电池*设备', '锂电池组自动化组装设备')).toBe(true);
    expect(matchesInclude('锂电池*设备', '锂电池设备销售')).toBe(false);
    expect(matchesInclude('锂电池*设备', '动力锂电池设备')).toBe(false);
    // The fixed parts may not overlap: 'ab*ba' needs at least four characters.
    expect(matchesInclude('ab*ba', 'aba')).toBe(false);
    expect(matchesInclude('ab*ba', 'abba')).toBe(true);
    // Several inner parts, found in order.
    expect(matchesInclude('*晶圆*代工*', '8英寸晶圆的代工服务')).toBe(true);
    expect(matchesInclude('*晶圆*代工*', '代工晶圆')).toBe(false);
    expect(matchesInclude('a*b*c', 'abc')).toBe(true);
    expect(matchesInclude('a*b*c', 'axbxbxc')).toBe(true);
    expect(matchesInclude('a*b*c', 'acb')).toBe(false);
    expect(matchesInclude('a*b*c', 'abcx')).toBe(false);
    // The part after an inner `*` must lie before the tail, not inside it.
    expect(matchesInclude('a*bc*c', 'abc')).toBe(false);
    expect(matchesInclude('a*bc*c', 'abcc')).toBe(true);
    // Lone and doubled stars match anything; no other character is special.
    for (const p of ['*', '**', '***', 'a**'])
      expect(matchesInclude(p, p === 'a**' ? 'a' : '')).toBe(true);
    expect(matchesInclude('*.?*', 'x.?y')).toBe(true);
    expect(matchesInclude('*.?*', 'xay')).toBe(false);
  });

  it('agrees with a regular-expression glob on every pattern / name pair of a small alphabet', () => {
    const glob = (p: string) =>
      new RegExp(
        `^${p
          .split('*')
          .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
        's',
      );
    const words = (n: number, alphabet: string): string[] => {
      let out = [''];
      const all = [''];
      for (let k = 0; k < n; k++) {
        out = out.flatMap((w) => [...alphabet].map((c) => w + c));
        all.push(...out);
      }
      return all;
    };
    const names = words(4, 'ab');
    for (const p of words(4, 'ab*')) {
      const re = glob(p);
      for (const name of names)
        expect(matchesInclude(p, name), `${p} ~ ${name}`).toBe(re.test(name));
    }
  });

  it('maps an item to every segment that gathers it', () => {
    const t: ChainTemplate = {
      id: 't',
      name: 't',
      segments: [seg('mine', ['锂*']), seg('salt', ['*锂']), seg('cell')],
      feeds: [],
    };
    expect(segmentsForItem(t, '锂辉石')).toEqual(['mine']);
    expect(segmentsForItem(t, '锂')).toEqual(['mine', 'salt']);
    expect(segmentsForItem(t, 'cell')).toEqual(['cell']);
    expect(segmentsForItem(t, '电芯')).toEqual([]);
    // Qualified by the template id, as `chainlens import` writes it; another template's id is not.
    expect(segmentsForItem(t, `${t.id}:cell`)).toEqual(['cell']);
    expect(segmentsForItem(t, 'other-chain:cell')).toEqual([]);
    expect(segmentsForItem(t, `${t.id}:`)).toEqual([]);
  });
});
