/**
 * Segments from 经营范围 and 国标行业 (`scopeSegments`) on the bundled textile-apparel and
 * lithium-battery templates, read from datasets/templates: the usual scope texts of registry
 * exports, and the false positives of scope text (trade-only lists, negated remarks,
 * services, a keyword inside a longer one).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChainTemplate } from '@chainlens/core';
import { IssueLog, readTemplate } from '../src/index.js';
import { scopeClauses, scopeSegments } from '../src/node.js';

function template(id: string): ChainTemplate {
  const file = new URL(`../../../datasets/templates/${id}.json`, import.meta.url);
  const log = new IssueLog();
  const t = readTemplate({ file: id, bytes: readFileSync(file) }, log);
  if (!t) throw new Error(`${id}: ${JSON.stringify(log.report.issues)}`);
  return t;
}
const textile = template('textile-apparel');
const lithium = template('lithium-battery');

/** segment → words, sorted, for one firm. */
function placed(t: ChainTemplate, scope: string, industry = '') {
  const r = scopeSegments(t, scope, industry);
  return Object.fromEntries(r.matches.map((m) => [m.segment, [...m.words].sort()]));
}

describe('scope keywords in the templates', () => {
  it('are read by the template reader and every segment of both templates has some', () => {
    for (const t of [textile, lithium])
      for (const s of t.segments) expect(s.scope?.length, `${t.id}:${s.id}`).toBeGreaterThan(0);
  });
});

describe("segments from a textile firm's scope", () => {
  it('places makers by what they make', () => {
    expect(placed(textile, '纺织品、针织品生产、销售；面料加工')).toEqual({
      fabrics: ['针织品', '面料'],
    });
    // 化学纤维 is an umbrella word (scopeGeneric): the polyester maker is not also a 锦纶/氨纶 one.
    expect(placed(textile, '涤纶长丝、化学纤维制造、销售')).toEqual({ polyester: ['涤纶长丝'] });
    expect(placed(textile, '化学纤维制造、销售')).toEqual({ 'synthetic-fibres': ['化学纤维'] });
    expect(placed(textile, '纺织品生产；面料印染')).toEqual({ 'dyeing-printing': ['面料印染'] });
    expect(placed(textile, '窗帘、床上用品、家用纺织品制造、销售')).toEqual({
      'home-textiles': ['家用纺织品', '床上用品', '窗帘'],
    });
    expect(placed(textile, '纺织机械及配件制造、销售')).toEqual({ machinery: ['纺织机械'] });
  });

  it('keeps a dyeing works in 印染, not in 面料 as well', () => {
    expect(placed(textile, '面料印染加工；纺织品销售')).toEqual({
      'dyeing-printing': ['面料印染'],
    });
  });

  it('places no trading firm in a manufacturing segment, and keeps what it trades', () => {
    const r = scopeSegments(textile, '轻纺原料、面料、辅料批发、零售', '纺织、服装及家庭用品批发');
    expect(r.matches).toEqual([]);
    expect(r.traded.sort()).toEqual(['辅料', '面料']);
    const list = scopeSegments(
      textile,
      '销售：服装、鞋帽、针织品、纺织品、化纤原料；货物进出口',
      '纺织、服装及家庭用品批发',
    );
    expect(list.matches).toEqual([]);
    expect(list.traded).toContain('服装');
  });

  it('reads a firm that makes one thing and sells another as the maker of the first', () => {
    expect(placed(textile, '服装制造；面料、纱线销售')).toEqual({ apparel: ['服装'] });
  });

  it('ignores negated remarks and services', () => {
    expect(placed(textile, '纺织品销售（不含印染）；纺织技术咨询；服装设计')).toEqual({});
    expect(
      placed(
        textile,
        '一般项目：面料织造（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）',
      ),
    ).toEqual({ fabrics: ['织造', '面料'] });
  });

  it('falls back on the industry column only when the scope places the firm nowhere', () => {
    expect(placed(textile, '', '化学纤维制造业')).toEqual({ 'synthetic-fibres': ['化学纤维'] });
    const r = scopeSegments(textile, '', '化学纤维制造业');
    expect(r.matches[0]!.source).toBe('industry');
    expect(placed(textile, '服装制造', '化学纤维制造业')).toEqual({ apparel: ['服装'] });
    expect(placed(textile, '面料批发', '纺织、服装及家庭用品批发')).toEqual({});
  });
});

describe("segments from a lithium-battery firm's scope", () => {
  it('places cells, BMS and recycling; a 储能电池 seller nowhere', () => {
    expect(
      placed(lithium, '锂离子电池、电池管理系统研发、生产、销售；废旧锂电池回收', '电池制造'),
    ).toEqual({
      bms: ['电池管理系统'],
      cells: ['锂离子电池'],
      recycling: ['废旧锂电池回收'],
    });
    expect(placed(lithium, '新能源汽车零部件制造；储能电池销售')).toEqual({
      'ev-parts': ['新能源汽车零部件'],
    });
    expect(placed(lithium, '磷酸铁锂正极材料生产')).toEqual({
      cathode: ['磷酸铁锂正极材料'],
    });
  });
});

describe('scopeClauses', () => {
  it('cuts clauses and gives each its activity', () => {
    expect(scopeClauses('销售：服装、鞋帽，针织品；服装制造，面料研发')).toEqual([
      { text: '服装、鞋帽，针织品', activity: 'trade' },
      { text: '服装制造', activity: 'make' },
      { text: '面料研发', activity: 'service' },
    ]);
  });
});
