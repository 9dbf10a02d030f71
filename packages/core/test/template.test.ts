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
  });
});
