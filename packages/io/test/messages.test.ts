/**
 * io's messages in Chinese (issue 15): every issue, note and DataError carries the facts it was
 * made from (`params`); `ioText` says them through the `io` namespace. Checked on datasets with
 * one bad row of each kind: the English made from the facts is the issue's `message` word for
 * word, the Chinese is another text with no run of English words left once the data quoted in
 * it is taken out, and every code io gives has a message in both catalogues.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUES, createTranslator } from '@chainlens/core';
import type { ValidationIssue } from '../src/index.js';
import {
  DataError,
  IO_CODES,
  dataErrorText,
  enText,
  ioKey,
  ioText,
  issueText,
  loadDataset,
  noteTexts,
} from '../src/index.js';
import { bytes, memory } from './helpers.js';
import type { Files } from './helpers.js';

const ZH = createTranslator('zh-CN');

const MANIFEST = {
  name: 't',
  companies: 'companies.csv',
  memberships: 'memberships.csv',
  relations: 'relations.csv',
  products: 'products.csv',
  productLinks: 'product-links.csv',
};

/** One bad row of each kind a table can hold, and files that warn as a whole. */
const BAD: Files = {
  'chainlens.json': MANIFEST,
  'companies.csv': [
    'id,name,region',
    'A,甲公司,浙江/宁波',
    'B,乙公司,江苏/苏州',
    'C,,',
    'A,重复,上海', // duplicate-id
    ' ,无名,上海', // empty-id
    '\u200B,隐形,上海', // empty-id.invisible
    'D\u200B,丁公司,上海', // invisible-character
    'E,戊\u0007公司,上海', // control-character
    `F,${'长'.repeat(30_000)},上海`, // field-too-long
    'G,己公司', // ragged-row
    'Ａ,全角,上海', // duplicate-id.twin
  ].join('\n'),
  'products.csv': 'id,name\n电芯,电芯\n正极材料,正极材料\nＰＶＣ,全角\nPVC,半角\n', // near-twin-id
  'product-links.csv': [
    'source,target,type,weight',
    '正极材料,电芯,input,1',
    ',电芯,input,1', // empty-id.product
    '负极,电芯,input,1', // unknown-product
    '正极材料,电芯,feeds,1', // unknown-type.product
    '电芯,电芯,input,1', // self-loop.product
  ].join('\n'),
  'memberships.csv': [
    'company,segment,share',
    'A,电芯,0.5',
    'B,正极材料,',
    'Z,电芯,0.1', // unknown-company.file
    ',电芯,0.1', // empty-id (company)
    'A,,0.1', // empty-id.segment
    'A,正极材,0.1', // unknown-segment.near
    'A,石墨烯涂层铝箔,0.1', // unknown-segment
    'B,电芯,abc', // bad-number.notNumber
    'C,电芯,1.5', // out-of-range.share
    'A,电芯,0.2', // duplicate-membership
  ].join('\n'),
  'relations.csv':
    [
      'source,target,type,weight',
      'B,A,supply,2.5',
      'A,A,supply,1', // self-loop
      'A,Z,supply,1', // unknown-company.file
      'A,B,suply,1', // unknown-type.near
      'A,B,zzzzzzzzzz,1', // unknown-type
      'A,B,supply,-1', // out-of-range.negative
      'A,B,supply,NaN', // bad-number.nan
      'A,B,supply,1e999', // bad-number.infinite
      'C,B,,', // no weight: a note
    ].join('\r\n') + '\nB,C,supply,1\n', // mixed-line-endings
};

/**
 * Runs of three or more English words in `text` once what io quotes from the data ('…', “…”;
 * the Chinese quotes also hold what a parser said, V8's JSON.parse or zod, which has no Chinese),
 * column and file names, and the names of formats and encodings are taken out.
 */
function englishRuns(text: string): string[] {
  const t = text
    .replace(/'[^']*'|“[^”]*”/g, ' ')
    .replace(/\b[\w-]+\.(csv|json|arrow|gz)\b/g, ' ')
    .replace(/\b(company|segment|share|source|target|type|weight|id|name|region)\b/g, ' ')
    .replace(/\b(Unicode NFKC|GBK\/GB18030|UTF-8|Arrow IPC|CSV|JSON|KiB|U\+[0-9A-F]+)\b/g, ' ');
  return [...t.matchAll(/[A-Za-z][A-Za-z'-]*(?:[\s,;:]+[A-Za-z][A-Za-z'-]*){2,}/g)].map(
    (m) => m[0],
  );
}

function checkIssue(issue: ValidationIssue) {
  expect(issue.params, `${issue.code}: ${issue.message}`).toBeDefined();
  expect(enText(issue.code, issue.params)).toBe(issue.message);
  const zh = issueText(ZH, issue);
  expect(zh).not.toBe(issue.message);
  expect(englishRuns(zh), zh).toEqual([]);
  expect(IO_CODES as readonly string[]).toContain(issue.code);
}

function load(files: Files) {
  return loadDataset(memory(files));
}

function fatal(files: Files): DataError {
  try {
    load(files);
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('loaded without a DataError');
}

describe('io messages in Chinese', () => {
  it('says every issue of a dataset with one bad row of each kind from its facts', () => {
    const { report } = load(BAD);
    const forms = new Set(report.issues.map((i) => ioKey(i.code, i.params)));
    // Each commented row above gave its issue.
    for (const key of [
      'io:duplicate-id',
      'io:duplicate-id.twin',
      'io:empty-id',
      'io:empty-id.invisible',
      'io:empty-id.segment',
      'io:empty-id.product',
      'io:invisible-character',
      'io:control-character',
      'io:field-too-long',
      'io:ragged-row',
      'io:near-twin-id',
      'io:unknown-product',
      'io:unknown-type.product',
      'io:self-loop.product',
      'io:unknown-company.file',
      'io:unknown-segment',
      'io:unknown-segment.near',
      'io:bad-number.notNumber',
      'io:bad-number.nan',
      'io:bad-number.infinite',
      'io:out-of-range.share',
      'io:out-of-range.negative',
      'io:duplicate-membership',
      'io:self-loop',
      'io:unknown-type',
      'io:unknown-type.near',
      'io:mixed-line-endings',
    ])
      expect(forms, key).toContain(key);
    for (const issue of report.issues) checkIssue(issue);
    const dup = report.issues.find((i) => i.code === 'duplicate-id' && !i.params?.form)!;
    expect(issueText(ZH, dup)).toBe('企业 ID “A” 重复（首次出现在第 2 行）');
    const share = report.issues.find((i) => i.code === 'out-of-range')!;
    expect(issueText(ZH, share)).toBe('share 为 1.5，超出 [0, 1] 范围');
  });

  it('says table notes in Chinese, the counts as 1,234', () => {
    const { report } = load(BAD);
    const notes = report.tables.flatMap((t) => noteTexts(ZH, t));
    expect(notes).toContain('1 家企业缺少地区信息');
    expect(notes).toContain('1 条关系没有权重，按 1 计');
    expect(notes).toContain('1 条环节归属没有营收占比（未知，不是 0）');
    for (const t of report.tables) {
      expect(t.noteFacts?.length ?? 0).toBe(t.notes.length);
      t.noteFacts?.forEach((n, i) => expect(enText(n.code, n.params)).toBe(t.notes[i]));
    }
    const many = ioText(ZH, 'note.no-region', { count: 1234 });
    expect(many).toBe('1,234 家企业缺少地区信息');
  });

  it('says a file that stops loading, with the rows not read, in Chinese', () => {
    const e = fatal({ ...BAD, 'companies.csv': 'ids,name\nA,x\nB,y\n' });
    expect(e.message).toBe(
      "companies.csv:1: missing required column 'id'; the header has 'ids', 'name' ('id': did you mean 'ids'?); 2 rows not read (counted as rejected)",
    );
    expect(dataErrorText(ZH, e)).toBe(
      "companies.csv:1: 缺少必需的列 'id'；表头现有 'ids'、'name'（'id'：是否应为 “ids”？）；另有 2 行未读取（计为拒收）",
    );
    const gbk = Uint8Array.from([...bytes('id,name\nA,'), 0xc4, 0xfe, 0x0a]);
    const enc = fatal({ ...BAD, 'companies.csv': gbk });
    expect(dataErrorText(ZH, enc)).toMatch(
      /^companies\.csv:2: 第 2 行第 3 列不是有效的 UTF-8 文本（字节 C4 FE）；该文件可按 GBK\/GB18030 读取/,
    );
    for (const files of [
      { ...BAD, 'companies.csv': '' },
      { ...BAD, 'companies.csv': 'id,,name\n' },
      { ...BAD, 'companies.csv': 'id,name,id\n' },
      { ...BAD, 'companies.csv': 'id,name\n"A,x\n' },
      { ...BAD, 'chainlens.json': { ...MANIFEST, companies: 'c.json' }, 'c.json': '{}' },
      { ...BAD, 'chainlens.json': { ...MANIFEST, companies: 'c.json' }, 'c.json': '[1' },
      { ...BAD, 'chainlens.json': { ...MANIFEST, companies: 'c.arrow' }, 'c.arrow': 'x' },
      { ...BAD, 'chainlens.json': { ...MANIFEST, companies: 'c.xls' }, 'c.xls': 'x' },
      { ...BAD, 'chainlens.json': { ...MANIFEST, companies: 'c.csv.gz' }, 'c.csv.gz': 'x' },
      { ...BAD, 'chainlens.json': { ...MANIFEST, companies: 'none.csv' } },
      { ...BAD, 'chainlens.json': { ...MANIFEST, encoding: 'klingon' } },
    ]) {
      const err = fatal(files);
      expect(err.issue, err.message).toBeDefined();
      checkIssue(err.issue!);
      const zh = dataErrorText(ZH, err);
      expect(zh, err.message).not.toBe(err.message);
      expect(englishRuns(zh), zh).toEqual([]);
    }
  });

  it('says errors of the manifest in Chinese', () => {
    for (const [files, zh] of [
      [{ 'x.json': '{}' }, 'chainlens.json: 找不到数据集清单文件'],
      [{ 'chainlens.json': '{' }, /^chainlens\.json: JSON 格式错误（解析程序提示：“/],
      [{ 'chainlens.json': { name: 7 } }, /^chainlens\.json:name: 清单内容有误（校验提示：“/],
      [
        { 'chainlens.json': { ...MANIFEST, colour: 'red' } },
        /^chainlens\.json: 未知的键 'colour'；可用的键：name、/,
      ],
      [
        { ...BAD, 'chainlens.json': { ...MANIFEST, products: undefined } },
        'chainlens.json: productLinks 需要一张产品表（products）',
      ],
    ] as const) {
      const e = fatal(files);
      if (typeof zh === 'string') expect(dataErrorText(ZH, e)).toBe(zh);
      else expect(dataErrorText(ZH, e)).toMatch(zh);
      expect(dataErrorText(createTranslator('en'), e)).toBe(e.message);
    }
  });

  it('has a Chinese and an English message for every code of io', () => {
    const en = CATALOGUES.en.io as Record<string, string>;
    const zh = CATALOGUES['zh-CN'].io as Record<string, string>;
    const base = (k: string) => k.replace(/_(one|other)$/, '');
    for (const code of IO_CODES) {
      const own = (k: string) => base(k) === code || base(k).startsWith(`${code}.`);
      expect(Object.keys(en).filter(own).length, code).toBeGreaterThan(0);
      expect([...new Set(Object.keys(en).filter(own).map(base))].sort(), code).toEqual(
        [...new Set(Object.keys(zh).filter(own).map(base))].sort(),
      );
    }
    // …and no message for a code io does not give.
    const codes = new Set<string>(IO_CODES);
    for (const k of Object.keys(en)) {
      const b = base(k);
      if (b.startsWith('word.') || b.startsWith('csv.') || b === 'unread') continue;
      const code = codes.has(b) ? b : b.replace(/\.[^.]+$/, '');
      expect(codes.has(code), k).toBe(true);
    }
  });
});
