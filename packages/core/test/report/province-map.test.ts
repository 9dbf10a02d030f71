/**
 * The province tile-grid map: the grid holds the 34 province-level divisions under the names
 * the data writes, the SVG draws one tile per division with its value and the colour the scale
 * gives it (lighter for lower values), and analyze() carries every province's completeness —
 * the same figures `compareRegions` ranks — so report.html can show the cluster among regions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChainReport, ChainTemplate, Dataset } from '../../src/index.js';
import {
  NO_DATA_FILL,
  PROVINCE_GRID,
  analyze,
  clusterByRegion,
  compareRegions,
  createTranslator,
  indexReport,
  luminance,
  onProvinceGrid,
  provinceColour,
  provinceMapSvg,
  provinceSection,
  rampColour,
  regionParts,
  renderCompareHtml,
  renderHtml,
} from '../../src/index.js';
import { readDataset } from '@chainlens/io/node';

const ROOT = join(import.meta.dirname, '../../../..');
const en = createTranslator('en');
const zh = createTranslator('zh-CN');

interface Tile {
  region: string;
  value: string;
  fill: string;
  stroke: string;
  texts: string[];
  title: string;
}

/** The tiles of a map SVG, read from its markup. */
function tiles(svg: string): Tile[] {
  return [
    ...svg.matchAll(/<g class="tile[^"]*" data-region="([^"]*)" data-value="([^"]*)">(.*?)<\/g>/g),
  ].map((m) => ({
    region: m[1]!,
    value: m[2]!,
    fill: /<rect [^>]*fill="(#[0-9a-f]{6})"/.exec(m[3]!)![1]!,
    stroke: /<rect [^>]*stroke="(#[0-9a-f]{6})"/.exec(m[3]!)![1]!,
    texts: [...m[3]!.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((t) => t[1]!),
    title: /<title>([^<]*)<\/title>/.exec(m[3]!)![1]!,
  }));
}

describe('the province grid', () => {
  it('has 34 divisions, each at its own square', () => {
    expect(PROVINCE_GRID).toHaveLength(34);
    expect(new Set(PROVINCE_GRID.map((t) => t.name)).size).toBe(34);
    expect(new Set(PROVINCE_GRID.map((t) => `${t.col},${t.row}`)).size).toBe(34);
    for (const name of ['台湾', '香港', '澳门', '内蒙古', '广西', '新疆', '西藏', '宁夏'])
      expect(onProvinceGrid(name), name).toBe(true);
    expect(onProvinceGrid('内蒙古自治区')).toBe(false);
    expect(onProvinceGrid('广东/深圳')).toBe(true);
  });

  it('places divisions as on a map: north above south, west left of east', () => {
    const at = new Map(PROVINCE_GRID.map((t) => [t.name, t]));
    const pos = (n: string) => at.get(n)!;
    expect(pos('黑龙江').row).toBeLessThan(pos('吉林').row);
    expect(pos('吉林').row).toBeLessThanOrEqual(pos('辽宁').row);
    expect(pos('北京').row).toBeLessThan(pos('广东').row);
    expect(pos('新疆').col).toBeLessThan(pos('甘肃').col);
    expect(pos('上海').col).toBeGreaterThan(pos('江苏').col);
    expect(pos('海南').row).toBeGreaterThan(pos('广东').row);
  });

  it('names every province of cn-listed as the data writes it', () => {
    const ds = readDataset(join(ROOT, 'datasets', 'cn-listed')).dataset;
    const provinces = new Set(
      ds.companies.regions.map((r) => regionParts(r)[0]).filter((p) => p !== undefined),
    );
    expect(provinces.size).toBe(31);
    for (const p of provinces) expect(onProvinceGrid(p!), p).toBe(true);
  });
});

describe('the colour scale', () => {
  it('gets darker as the value grows', () => {
    let last = Infinity;
    for (let i = 0; i <= 200; i++) {
      const l = luminance(rampColour(i / 200));
      expect(l).toBeLessThan(last);
      last = l;
    }
    expect(provinceColour(null, [0, 1])).toBe(NO_DATA_FILL);
    expect(provinceColour(2, [0, 1])).toBe(rampColour(1));
    expect(provinceColour(0.25, [0, 0.5])).toBe(rampColour(0.5));
  });
});

describe('provinceMapSvg', () => {
  const values = [
    { region: '广东', value: 0.731 },
    { region: '浙江/宁波', value: 0.4, label: 'rank 2' },
    { region: '北京', value: 0 },
    { region: '四川', value: null },
    { region: '海外', value: 0.9 },
  ];

  it('draws 34 tiles, the values coloured and written, the rest grey with —', () => {
    const svg = provinceMapSvg(values, { tr: en, title: 'T', format: 'pct' });
    const ts = tiles(svg);
    expect(ts).toHaveLength(34);
    const by = new Map(ts.map((t) => [t.region, t]));
    // Domain: the extent of the values on the grid (海外 is not a division).
    expect(by.get('广东')!.fill).toBe(rampColour(1));
    expect(by.get('北京')!.fill).toBe(rampColour(0));
    expect(by.get('浙江')!.fill).toBe(provinceColour(0.4, [0, 0.731]));
    expect(by.get('广东')!.texts).toEqual(['广东', '73.1%']);
    expect(by.get('浙江')!.title).toBe('浙江: 40.0% (rank 2)');
    expect(by.get('北京')!.value).toBe('0');
    for (const name of ['四川', '台湾', '香港']) {
      expect(by.get(name)!.value).toBe('');
      expect(by.get(name)!.fill).toBe(NO_DATA_FILL);
      expect(by.get(name)!.texts).toEqual([name, '—']);
    }
    expect(svg).not.toContain('海外');
  });

  it('outlines the highlighted division, takes a domain and formats numbers', () => {
    const svg = provinceMapSvg(values, {
      tr: zh,
      title: '标题',
      format: 'num',
      domain: [0, 1],
      highlight: '广东/深圳',
    });
    const ts = tiles(svg);
    const outlined = ts.filter((t) => t.stroke !== '#ffffff').map((t) => t.region);
    expect(outlined).toEqual(['广东']);
    expect(ts.find((t) => t.region === '广东')!.texts).toEqual(['广东', '0.73']);
    expect(ts.find((t) => t.region === '广东')!.fill).toBe(rampColour(0.731));
    expect(svg).toContain('无数据');
    expect(svg).toContain('方块示意图');
  });

  it('escapes the title and labels', () => {
    const svg = provinceMapSvg([{ region: '广东', value: 1, label: '<b>"x"</b>' }], {
      tr: en,
      title: '<script>alert(1)</script>',
      format: 'pct',
    });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;');
    // Characters XML cannot hold are dropped (the viewer parses the map as XML).
    const odd = provinceMapSvg([{ region: '广东', value: 1, label: 'a\u0001b\uD800c' }], {
      tr: en,
      title: 'x\u0007y\uFFFF',
      format: 'pct',
    });
    expect(odd).toContain('>xy</text>');
    expect(odd).toContain('(abc)');
    // eslint-disable-next-line no-control-regex
    expect(/[\u0000-\u0008\uD800-\uDFFF\uFFFF]/.test(odd)).toBe(false);
  });
});

describe('the report among regions (cn-listed, 广东, lithium-battery)', () => {
  let ds: Dataset;
  let template: ChainTemplate;
  let report: ChainReport;
  beforeAll(() => {
    ds = readDataset(join(ROOT, 'datasets', 'cn-listed')).dataset;
    template = JSON.parse(
      readFileSync(join(ROOT, 'datasets', 'templates', 'lithium-battery.json'), 'utf8'),
    ) as ChainTemplate;
    report = analyze(ds, { cluster: clusterByRegion(ds.companies, '广东'), template });
  });

  it("carries every province's figures, those of compareRegions", () => {
    const regions = report.regions!;
    const rows = compareRegions(ds, template, { level: 1, sortBy: 'redundancy' });
    expect(regions.rows.map((r) => [r.region, r.rank, r.redundancy, r.coverage])).toEqual(
      rows.map((r) => [r.region, r.rank, r.completeness.redundancy, r.completeness.coverage]),
    );
    // The cluster's own row is the report's headline figure.
    const gd = regions.rows.find((r) => r.region === '广东')!;
    expect(gd.redundancy).toBe(report.completeness.redundancy);
    expect(gd.coverage).toBe(report.completeness.coverage);
    expect(gd.chainCompanies).toBe(report.cluster.chainCompanies);
  });

  it('report.html shows the map with 广东 outlined, in both languages', () => {
    const html = renderHtml(report, { tr: zh });
    const section = /<section id="regions">.*?<\/section>/s.exec(html)![0];
    expect(section).toContain('<h2>在各省中的位置</h2>');
    const ts = tiles(section);
    expect(ts).toHaveLength(34);
    const outlined = ts.filter((t) => t.stroke !== '#ffffff');
    expect(outlined.map((t) => t.region)).toEqual(['广东']);
    const gd = report.regions!.rows.find((r) => r.region === '广东')!;
    expect(Number(outlined[0]!.value)).toBe(gd.redundancy);
    expect(section).toContain(
      `按各省企业分别计算。广东加框标出：在 ${report.regions!.rows.length} 个省级地区中排第 ${gd.rank} 位`,
    );
    for (const t of ts) {
      const row = report.regions!.rows.find((r) => r.region === t.region);
      expect(t.value, t.region).toBe(row ? String(row.redundancy) : '');
      expect(t.fill).toBe(provinceColour(row ? row.redundancy : null, [0, 1]));
    }
    const english = provinceSection(report, indexReport(report), en);
    expect(english).toContain('The cluster among regions');
    expect(english).toContain(`广东 is outlined: rank ${gd.rank} of`);
  });

  it('a city cluster outlines its province; a report without regions has no section', () => {
    const city = analyze(ds, { cluster: clusterByRegion(ds.companies, '广东/深圳'), template });
    const section = provinceSection(city, indexReport(city), en);
    expect(section).toContain('The cluster lies in 广东');
    expect(
      tiles(section)
        .filter((t) => t.stroke !== '#ffffff')
        .map((t) => t.region),
    ).toEqual(['广东']);
    const old = { ...report, regions: undefined };
    expect(provinceSection(old, indexReport(old), en)).toBe('');
    expect(renderHtml(old)).not.toContain('id="regions"');
  });
});

describe('a dataset whose regions are countries (eto-semiconductors)', () => {
  it('gets no province map: no report section, a compare page with the table only', () => {
    const ds = readDataset(join(ROOT, 'datasets', 'eto-semiconductors')).dataset;
    const template = ds.templates.find((t) => t.id === 'eto-advanced-logic-chips')!;
    const report = analyze(ds, { cluster: clusterByRegion(ds.companies, 'CHN'), template });
    expect(report.regions!.rows.map((r) => r.region)).toContain('USA');
    expect(provinceSection(report, indexReport(report), en)).toBe('');
    const rows = compareRegions(ds, template, { level: 1 });
    const page = renderCompareHtml(
      {
        dataset: ds.name,
        template: { id: template.id, name: template.name, segments: template.segments.length },
        sortBy: 'redundancy',
        minShare: 0.05,
        rows,
        version: 'test',
      },
      zh,
    );
    expect(page).not.toContain('<svg');
    expect(page).toContain('不是省级行政区，未在图中显示');
    expect([...page.matchAll(/<tr data-region=/g)]).toHaveLength(rows.length);
  });
});
