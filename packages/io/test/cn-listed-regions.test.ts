/**
 * Regions of the shipped cn-listed companies (datasets/cn-listed/README.md, "Region"): the
 * name-based guess combined with the registered province, read straight from companies.csv.
 * When the derivation's sources are at hand (../shared next to the repository root, or
 * CHAINLENS_SHARED), re-deriving into a temporary folder gives the shipped files byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CN = join(ROOT, 'datasets/cn-listed');
const companies = parse(readFileSync(join(CN, 'companies.csv'), 'utf8'), {
  columns: true,
  bom: true,
}) as Record<string, string>[];
const byId = new Map(companies.map((c) => [c.id!, c]));

/** The 31 provincial units of mainland China, short names as in cn-admin-divisions. */
const PROVINCES = new Set(
  (
    '北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 ' +
    '广东 广西 海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆'
  ).split(' '),
);
const NAME_RULES = [
  'province',
  'province+city',
  'province+county',
  'city',
  'county',
  'city-short',
  'county-short',
  'bracket',
];
const REGISTERED_RULES = ['registered', 'registered-over-name', 'name+registered-city'];

describe('cn-listed regions', () => {
  it('gives at least 97 % of the companies a province, each a real one', () => {
    const withRegion = companies.filter((c) => c.region !== '');
    expect(companies.length).toBe(4689);
    expect(withRegion.length / companies.length).toBeGreaterThanOrEqual(0.97);
    expect(withRegion.length).toBe(4554); // README: 4,554 of 4,689
    const bad = withRegion.filter((c) => !PROVINCES.has(c.region!.split('/')[0]!));
    expect(bad.map((c) => `${c.id} ${c.region}`)).toEqual([]);
    // every province occurs; paths have no empty parts
    expect(new Set(withRegion.map((c) => c.region!.split('/')[0])).size).toBe(31);
    expect(withRegion.filter((c) => c.region!.split('/').some((p) => p === ''))).toEqual([]);
  });

  it('has a region_rule exactly when it has a region, from the documented rules', () => {
    const mismatch = companies.filter((c) => (c.region === '') !== (c.region_rule === ''));
    expect(mismatch.map((c) => c.id)).toEqual([]);
    const rules = new Set(companies.map((c) => c.region_rule).filter((r) => r !== ''));
    for (const r of rules) expect([...NAME_RULES, ...REGISTERED_RULES]).toContain(r);
    const count = (rule: string) => companies.filter((c) => c.region_rule === rule).length;
    expect(count('registered')).toBe(1435);
    expect(count('registered-over-name')).toBe(38);
  });

  it('writes a registered region as its province, 广东/深圳, or a municipality as its own city', () => {
    for (const c of companies.filter((c) => c.region_rule!.startsWith('registered'))) {
      const [p, city, ...rest] = c.region!.split('/');
      expect(rest, c.id).toEqual([]);
      if (city !== undefined)
        expect(['广东/深圳', '北京/北京', '上海/上海', '天津/天津', '重庆/重庆'], c.id).toContain(
          `${p}/${city}`,
        );
    }
  });

  it.each([
    ['002594', '比亚迪', '广东/深圳', 'registered'],
    ['002340', '格林美', '广东/深圳', 'registered'],
    ['000063', '中兴通讯', '广东/深圳', 'registered'],
    ['688981', '中芯国际', '上海/上海', 'registered'],
    ['000725', '京东方A', '北京/北京', 'registered'],
    ['601012', '隆基股份', '陕西', 'registered'], // no city in 隆基绿能科技股份有限公司
    ['600438', '通威股份', '四川', 'registered'],
    ['688599', '天合光能', '江苏', 'registered'],
    ['002493', '荣盛石化', '浙江', 'registered'],
    ['601233', '桐昆股份', '浙江', 'registered'],
    ['603225', '新凤鸣', '浙江', 'registered'],
    ['600177', '雅戈尔', '浙江', 'registered'],
    // headquartered in Hangzhou, but registered in Beihai, Guangxi (since 2011)
    ['000703', '恒逸石化', '广西', 'registered'],
    // name-based guesses kept where the registered province agrees
    ['300750', '宁德时代', '福建/宁德', 'city-short'],
    ['300014', '亿纬锂能', '广东/惠州', 'city-short'],
    ['600519', '贵州茅台', '贵州', 'province'],
    // the name keeps an old seat: 上海至正道化… is registered in 深圳
    ['603991', '至正股份', '广东/深圳', 'registered-over-name'],
  ])('%s %s → %s (%s)', (id, name, region, rule) => {
    const c = byId.get(id);
    expect(c?.name).toBe(name);
    expect(c?.region).toBe(region);
    expect(c?.region_rule).toBe(rule);
  });

  it('counts the companies per province as the README says', () => {
    const per = new Map<string, number>();
    for (const c of companies) {
      const p = c.region!.split('/')[0]!;
      if (p) per.set(p, (per.get(p) ?? 0) + 1);
    }
    expect([...per].sort((a, b) => b[1] - a[1]).slice(0, 6)).toEqual([
      ['广东', 741],
      ['浙江', 582],
      ['江苏', 538],
      ['北京', 402],
      ['上海', 387],
      ['山东', 257],
    ]);
  });
});

const shared = process.env.CHAINLENS_SHARED
  ? resolve(process.env.CHAINLENS_SHARED)
  : resolve(ROOT, '..', 'shared');
const haveSources =
  existsSync(join(shared, 'datasets/chain-knowledge-graph/nodes.csv')) &&
  existsSync(join(shared, 'datasets/cn-admin-divisions/divisions.csv'));

describe.skipIf(!haveSources && !process.env.CI)(
  'cn-listed derivation (needs the sources in ../shared)',
  () => {
    it('re-derives the shipped files byte for byte', () => {
      const out = mkdtempSync(join(tmpdir(), 'cn-listed-'));
      try {
        execFileSync(process.execPath, [join(CN, 'derive.mjs'), '--shared', shared, '--out', out], {
          stdio: 'pipe',
        });
        const written = readdirSync(out).sort();
        expect(written).toEqual([
          'chainlens.json',
          'companies.csv',
          'memberships.csv',
          'product-links.csv',
          'products.csv',
          'relations.csv',
        ]);
        for (const f of written)
          expect(readFileSync(join(out, f)).equals(readFileSync(join(CN, f))), f).toBe(true);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  },
);
