/**
 * The shipped chain templates (datasets/templates) checked against well-known firms of the shipped
 * cn-listed data (2021 snapshot): each firm must hold its segment through product lines whose known
 * revenue shares add up to at least MIN_SHARE (the default `minShare` of chain membership), so the
 * check keeps holding once membership drops lines under that share. Firms whose data has only the
 * SW industry row (no share: 中芯国际, 华润微, 天合光能, 大全能源, …) or whose product lines do not
 * name the segment (恩捷股份: 膜类; 天赐材料: 锂离子电池材料, no 电解液 line) are replaced by others
 * or checked against the segment their data does name; see datasets/templates/README.md.
 *
 * Also: no pattern takes a trading / agency / reselling line (贸易, 代理, 经销, 批发, 外购 …) outside
 * the segments whose business is distribution; a `…销售` line is matched only where it is the
 * maker's own sales line (listed below with the reason); and every pattern of every template
 * matches at least one cn-listed item, except the standard names listed below.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { templateSchema } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import type { ChainTemplate, Dataset } from '../../src/index.js';
import {
  chainStructure,
  matchesInclude,
  segmentMembership,
  segmentsForItem,
} from '../../src/index.js';

const ROOT = new URL('../../../../datasets/', import.meta.url);
const TEMPLATES = new URL('templates/', ROOT);
const MIN_SHARE = 0.05;

const templates = new Map<string, ChainTemplate>(
  readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const t = templateSchema.parse(
        JSON.parse(readFileSync(new URL(f, TEMPLATES), 'utf8')),
      ) as ChainTemplate;
      return [t.id, t];
    }),
);

/** Per template: [stock code, short name (for messages), segment it must hold]. */
const KNOWN: Record<string, [string, string, string][]> = {
  'lithium-battery': [
    ['300750', '宁德时代', 'pack'], // 动力电池系统
    ['002594', '比亚迪', 'cells'], // 二次充电电池
    ['002074', '国轩高科', 'pack'],
    ['300014', '亿纬锂能', 'cells'],
    ['300438', '鹏辉能源', 'cells'],
    ['002460', '赣锋锂业', 'lithium-salts'],
    ['002466', '天齐锂业', 'lithium-salts'],
    ['002466', '天齐锂业', 'lithium-ore'],
    ['688005', '容百科技', 'cathode'],
    ['300073', '当升科技', 'cathode'],
    ['300037', '新宙邦', 'electrolyte'], // 天赐材料 has no 电解液 line: see below
    ['002709', '天赐材料', 'battery-materials'], // 锂离子电池材料
    ['300568', '星源材质', 'separator'], // 恩捷股份's data says only 膜类
    ['300035', '中科电气', 'anode'],
    ['603659', '璞泰来', 'anode'],
    ['002340', '格林美', 'precursor'],
    ['300618', '寒锐钴业', 'cobalt-nickel'],
    ['688388', '嘉元科技', 'current-collector'],
    ['688116', '天奈科技', 'cell-auxiliaries'],
    ['002850', '科达利', 'structural-parts'],
    ['300450', '先导智能', 'equipment'],
    ['300457', '赢合科技', 'equipment'],
    ['002407', '多氟多', 'fluorochemicals'],
  ],
  photovoltaic: [
    ['601012', '隆基股份', 'wafers'],
    ['601012', '隆基股份', 'modules'],
    ['600438', '通威股份', 'polysilicon'], // 多晶硅 + 高纯晶硅
    ['600438', '通威股份', 'cells'],
    ['002129', '中环股份', 'wafers'],
    ['601908', '京运通', 'wafers'],
    ['603260', '合盛硅业', 'industrial-silicon'],
    ['002506', '协鑫集成', 'modules'],
    ['300118', '东方日升', 'modules'],
    ['002056', '横店东磁', 'cells'],
    ['300274', '阳光电源', 'inverters'],
    ['300763', '锦浪科技', 'inverters'],
    ['603806', '福斯特', 'encapsulant'],
    ['601865', '福莱特', 'pv-glass'],
    ['002623', '亚玛顿', 'pv-glass'],
    ['300393', '中来股份', 'backsheet'],
    ['002610', '爱康科技', 'frames-junction'],
    ['300724', '捷佳伟创', 'pv-equipment'],
    ['300751', '迈为股份', 'pv-equipment'],
    ['300316', '晶盛机电', 'pv-equipment'],
    ['000591', '太阳能', 'pv-power'],
  ],
  'integrated-circuit': [
    ['600584', '长电科技', 'packaging-test'],
    ['002156', '通富微电', 'packaging-test'],
    ['002185', '华天科技', 'packaging-test'],
    ['603005', '晶方科技', 'packaging-test'],
    ['600667', '太极实业', 'packaging-test'],
    ['300456', '耐威科技', 'foundry'], // MEMS晶圆制造; 中芯国际 and 华润微 have the industry row only
    ['603501', '韦尔股份', 'design'],
    ['603986', '兆易创新', 'design'],
    ['002049', '紫光国微', 'design'],
    ['300223', '北京君正', 'design'],
    ['002371', '北方华创', 'equipment'],
    ['300604', '长川科技', 'test-equipment'],
    ['300666', '江丰电子', 'targets'],
    ['300706', '阿石创', 'targets'],
    ['688019', '安集科技', 'cmp'],
    ['300346', '南大光电', 'gases'],
    ['688268', '华特气体', 'gases'],
    ['300655', '晶瑞股份', 'wet-chemicals'],
    ['300655', '晶瑞股份', 'photoresist'],
    ['002409', '雅克科技', 'photoresist'],
    ['300395', '菲利华', 'quartz'],
    ['002119', '康强电子', 'packaging-materials'],
    ['300373', '扬杰科技', 'wafers'],
    ['000062', '深圳华强', 'distribution'],
  ],
  'cnc-machine-tool': [
    ['601882', '海天精工', 'metal-cutting'],
    ['000837', '秦川机床', 'metal-cutting'],
    ['000410', '*ST沈机', 'metal-cutting'],
    ['002520', '日发精机', 'metal-cutting'],
    ['002248', '华东数控', 'metal-cutting'],
    ['002903', '宇环数控', 'metal-cutting'],
    ['300083', '劲胜智能', 'metal-cutting'], // 创世纪
    ['300809', '华辰装备', 'metal-cutting'],
    ['300161', '华中数控', 'cnc-systems'],
    ['002747', '埃斯顿', 'cnc-systems'],
    ['002747', '埃斯顿', 'servo'],
    ['002559', '亚威股份', 'metal-forming'],
    ['603088', '宁波精达', 'metal-forming'],
    ['300503', '昊志机电', 'spindles'],
    ['000657', '中钨高新', 'cutting-tools'],
    ['300488', '恒锋工具', 'cutting-tools'],
    ['002708', '光洋股份', 'bearings'],
    ['002553', '南方轴承', 'bearings'],
    ['601100', '恒立液压', 'castings'],
    ['000988', '华工科技', 'laser-additive'],
    ['002031', '巨轮智能', 'moulds'],
  ],
  biomedicine: [
    ['600276', '恒瑞医药', 'chemical-drugs'], // 针剂药, 片剂药
    ['000513', '丽珠集团', 'chemical-drugs'],
    ['603259', '药明康德', 'cro-cdmo'],
    ['300347', '泰格医药', 'cro-cdmo'],
    ['002821', '凯莱英', 'cro-cdmo'],
    ['603127', '昭衍新药', 'cro-cdmo'],
    ['300601', '康泰生物', 'vaccines'],
    ['300122', '智飞生物', 'vaccines'], // its own vaccines only, not the agency line
    ['300142', '沃森生物', 'vaccines'],
    ['002007', '华兰生物', 'blood-products'],
    ['600161', '天坛生物', 'blood-products'],
    ['603658', '安图生物', 'ivd'],
    ['300406', '九强生物', 'ivd'],
    ['603858', '步长制药', 'tcm'],
    ['600332', '白云山', 'tcm'],
    ['600521', '华海药业', 'api'],
    ['603707', '健友股份', 'api'],
    ['300702', '天宇股份', 'intermediates'],
    ['600867', '通化东宝', 'biologics'],
    ['600587', '新华医疗', 'pharma-equipment'],
    ['300171', '东富龙', 'pharma-equipment'],
    ['603882', '金域医学', 'medical-services'],
    ['002727', '一心堂', 'pharmacies'],
    ['603939', '益丰药房', 'pharmacies'],
  ],
  'textile-apparel': [
    ['002493', '荣盛石化', 'feedstocks'], // PTA
    ['000703', '恒逸石化', 'feedstocks'],
    ['600346', '恒力石化', 'feedstocks'],
    ['002493', '荣盛石化', 'polyester'],
    ['000703', '恒逸石化', 'polyester'],
    ['601233', '桐昆股份', 'polyester'],
    ['603225', '新凤鸣', 'polyester'], // POY, FDY, DTY
    ['002064', '华峰氨纶', 'synthetic-fibres'],
    ['002254', '泰和新材', 'synthetic-fibres'],
    ['000949', '新乡化纤', 'cellulosic-fibres'],
    ['600409', '三友化工', 'cellulosic-fibres'],
    ['601339', '百隆东方', 'spinning'],
    ['000726', '鲁泰A', 'fabrics'],
    ['600448', '华纺股份', 'dyeing-printing'],
    ['600352', '浙江龙盛', 'dyes-auxiliaries'],
    ['002440', '闰土股份', 'dyes-auxiliaries'],
    ['603337', '杰克股份', 'machinery'],
    ['002003', '伟星股份', 'accessories'],
    ['600177', '雅戈尔', 'apparel'],
    ['600398', '海澜之家', 'apparel'],
    ['002083', '孚日股份', 'home-textiles'],
    ['603365', '水星家纺', 'home-textiles'],
    ['603001', '奥康国际', 'footwear'],
    ['300658', '延江股份', 'nonwovens'],
  ],
};

/** Firms whose data has only the SW industry row for the segment (no share): held, share unknown. */
const INDUSTRY_ONLY: Record<string, [string, string, string][]> = {
  'integrated-circuit': [
    ['688981', '中芯国际', 'foundry'],
    ['688396', '华润微', 'foundry'],
  ],
  photovoltaic: [
    ['688599', '天合光能', 'modules'],
    ['688303', '大全能源', 'wafers'], // SW 硅料硅片
  ],
};

/** Segments whose business is trade itself: a trading / selling line is what they gather. */
const TRADE_SEGMENTS = new Set([
  'integrated-circuit/distribution',
  'biomedicine/distribution',
  'biomedicine/pharmacies',
]);
const TRADE = /贸易|代理|经销|购销|批发|零售|分销|销售|外购|商业-/;
/** `…销售` lines matched on purpose: the maker's own sales line (or sale of own power). */
const OWN_SALES: Record<string, string> = {
  锂精矿销售: '融捷股份 mines 甲基卡 spodumene',
  锂盐销售: '融捷股份 makes lithium salts (融达锂业)',
  锂盐加工销售业务: '威华股份 (盛新锂能) makes lithium salts',
  负极材料销售: '国民技术 makes anode material (斯诺)',
  锂电设备销售: '百利科技 makes lithium-material equipment',
  动力电池设备销售: '融捷股份 makes battery equipment (东莞融捷)',
  消费类电池设备销售: '融捷股份 makes battery equipment (东莞融捷)',
  光伏发电销售: 'sale of the power a PV plant owner generates',
  太阳能电力销售: 'sale of the power a PV plant owner generates',
  销售功能性湿电子化学品: '安集科技 makes them',
  销售化学机械抛光液: '安集科技 makes them',
  存储芯片销售: 'fabless designers (兆易创新, 北京君正) selling their own chips',
  微处理器芯片销售: 'fabless designer (北京君正) selling its own chips',
  智能视频芯片销售: 'fabless designer (北京君正) selling its own chips',
  模拟与互联芯片销售: 'fabless designer (北京君正) selling its own chips',
  微控制器销售: 'fabless designer (兆易创新) selling its own chips',
  模具销售: 'mould makers (银宝山新) and parts makers selling their tooling',
  模具制造销售: '巨轮智能 makes tyre moulds',
  原料药销售: 'API makers (东北制药, 京新药业, 众生药业)',
  化学药销售: '众生药业 makes them',
  中成药销售: 'TCM makers (众生药业, 贵州百灵)',
  精对苯二甲酸生产销售: '恒力石化 makes PTA',
  聚酯纤维生产和销售: '恒力石化 makes polyester fibre',
  氨纶销售: '华峰氨纶 makes spandex',
  色纺纱销售: '百隆东方 makes melange yarn',
  销售打孔无纺布: '延江股份 makes nonwovens',
  销售无纺布腰贴: '延江股份 makes nonwovens',
};

/** Patterns that match nothing in cn-listed: standard names kept for other datasets (README). */
const UNMATCHED: Record<string, string[]> = {
  'lithium-battery': [
    '锂辉石*',
    '*锂长石',
    '金属钴',
    '镍矿石',
    '金属镍',
    '天然石墨*',
    '人造石墨*',
    '鳞片石墨*',
    '镍钴锰酸锂*',
    '硅碳负极*',
    '*双氟磺酰亚胺锂*',
    '干法隔膜',
    '*电池铝箔*',
    '*聚偏氟乙烯*',
    '*电动客车*',
    '新能源客车*',
    '新能源商用车*',
    '*锂电池回收*',
  ],
  photovoltaic: ['金属硅', '*高纯多晶硅*', 'POE胶膜', '*光伏边框*', '*跟踪支架*'],
  'integrated-circuit': [
    '*EDA*',
    '*IP核*',
    '*集成电路设计服务*',
    '*硅抛光片*',
    '硅外延片',
    '*区熔硅*',
    '*SOI*',
    '*碳化硅衬底*',
    '*电子级氢氟酸*',
    '*电子级硫酸*',
    '*光刻胶及配套*',
    '钛靶',
    '铜靶',
    '探针台*',
    '*集成电路测试设备*',
    '*半导体测试设备*',
    '*芯片测试设备*',
    '*晶圆代工*',
    '*环氧塑封料*',
  ],
  'cnc-machine-tool': [
    '*滚珠丝杠*',
    '*直线导轨*',
    '*刀库*',
    '*数控转台*',
    '*光栅尺*',
    '*光电编码器*',
    '*铣床',
    '*3D打印设备*',
    '*金属3D打印*',
  ],
  biomedicine: [
    '*药物中间体*',
    '*中硼硅*',
    '*分子生物学试剂*',
    'CRO',
    '*单抗*',
    '*单克隆抗体*',
    '*流感疫苗*',
    '*狂犬病疫苗*',
    '*肺炎疫苗*',
    '*凝血因子*',
    '医用耗材',
    '*医药分销*',
    '*零售药店*',
  ],
  'textile-apparel': [
    '羊毛条',
    '*洗净毛*',
    '*羊绒原料*',
    '*生丝*',
    '蚕丝',
    '亚麻纤维*',
    '苎麻纤维*',
    '*尼龙切片*',
    '丙烯腈',
    'MEG',
    '腈纶*',
    '维纶*',
    '*差别化纤维*',
    '莱赛尔*',
    '*天丝*',
    '醋酸纤维*',
    '*纺纱机*',
    '*印染设备*',
    '*花边*',
    '*羊绒衫',
    '*休闲鞋*',
  ],
};

let ds: Dataset;
/** Distinct membership items of cn-listed. */
let items: string[];
beforeAll(() => {
  ds = readDataset(new URL('cn-listed/', ROOT).pathname).dataset;
  items = [...new Set(ds.memberships.segment)];
});

/** The matched membership lines of company `code` in `segment`: item, share (NaN = unknown). */
function lines(template: ChainTemplate, code: string, segment: string) {
  const c = ds.companies.ids.indexOf(code);
  expect(c, `${code} is in cn-listed`).toBeGreaterThanOrEqual(0);
  const m = ds.memberships;
  const out: { item: string; share: number }[] = [];
  for (let r = 0; r < m.company.length; r++) {
    if (m.company[r] !== c) continue;
    if (segmentsForItem(template, m.segment[r]!).includes(segment))
      out.push({ item: m.segment[r]!, share: m.share[r]! });
  }
  return out;
}
const knownSum = (ls: { share: number }[]) =>
  ls.reduce((s, l) => (Number.isNaN(l.share) ? s : s + l.share), 0);

describe('shipped templates: well-known firms hold their segment', () => {
  it('every template has a list of at least 10 firms, on known segment ids', () => {
    expect([...templates.keys()].sort()).toEqual(Object.keys(KNOWN).sort());
    for (const [id, list] of Object.entries(KNOWN)) {
      expect(new Set(list.map(([code]) => code)).size, id).toBeGreaterThanOrEqual(10);
      const ids = new Set(templates.get(id)!.segments.map((s) => s.id));
      for (const [, , seg] of [...list, ...(INDUSTRY_ONLY[id] ?? [])])
        expect(ids.has(seg), `${id}/${seg}`).toBe(true);
    }
  });

  for (const [id, list] of Object.entries(KNOWN)) {
    it(`${id}: each firm's matched lines with a known share add up to ≥ ${MIN_SHARE}`, () => {
      const t = templates.get(id)!;
      const failures: string[] = [];
      for (const [code, name, seg] of list) {
        const ls = lines(t, code, seg);
        const sum = knownSum(ls);
        if (!(sum >= MIN_SHARE))
          failures.push(
            `${code} ${name} → ${seg}: ${sum.toFixed(3)} (${ls.map((l) => l.item).join(', ') || 'no line'})`,
          );
      }
      expect(failures).toEqual([]);
    });
  }

  it('firms known only by their SW industry row hold the segment (share unknown)', () => {
    for (const [id, list] of Object.entries(INDUSTRY_ONLY)) {
      for (const [code, name, seg] of list) {
        const ls = lines(templates.get(id)!, code, seg);
        expect(ls.length, `${code} ${name} → ${seg}`).toBeGreaterThan(0);
        expect(ls.every((l) => Number.isNaN(l.share))).toBe(true);
      }
    }
  });
});

describe('shipped templates: no trading, agency or reselling line', () => {
  it('no pattern matches a trade item outside the distribution segments, except own sales lines', () => {
    const bad: string[] = [];
    const used = new Set<string>();
    const trade = items.filter((i) => TRADE.test(i));
    for (const t of templates.values()) {
      for (const s of t.segments) {
        if (TRADE_SEGMENTS.has(`${t.id}/${s.id}`)) continue;
        for (const item of trade) {
          const by = s.includes.filter((p) => matchesInclude(p, item));
          if (by.length === 0) continue;
          if (item in OWN_SALES) used.add(item);
          else bad.push(`${t.id}/${s.id}: ${item} (by ${by.join(', ')})`);
        }
      }
    }
    expect(bad).toEqual([]);
    // The exceptions are all `…销售` lines, and every one is still needed.
    for (const item of Object.keys(OWN_SALES)) {
      expect(item).toMatch(/销售/);
      expect(item).not.toMatch(/贸易|代理|经销|购销|批发|零售|外购/);
    }
    expect([...used].sort()).toEqual(Object.keys(OWN_SALES).sort());
  });

  it('the known bad cases no longer match', () => {
    const ic = templates.get('integrated-circuit')!;
    // Fabless firms' wafer-selling lines made them 晶圆制造 (foundry) firms.
    for (const code of ['603986', '000670']) expect(lines(ic, code, 'foundry')).toEqual([]);
    for (const item of ['晶圆销售', '晶圆销售分部', '芯片销售分部'])
      expect(segmentsForItem(ic, item)).toEqual([]);
    // 智飞生物's agency line (Merck's vaccines) is not vaccine making; 铂力特's agency line is not 3D printing.
    expect(segmentsForItem(templates.get('biomedicine')!, '代理-非免疫规划疫苗')).toEqual([]);
    expect(segmentsForItem(templates.get('cnc-machine-tool')!, '代理销售增材制造设备')).toEqual([]);
    // 鹏欣资源 (copper) trades nickel; 恒立实业 trades cobalt, nickel and precursor.
    const li = templates.get('lithium-battery')!;
    for (const item of [
      '镍贸易',
      '钴贸易',
      '贸易-金属钴',
      '贸易—金属镍',
      '贸易-三元前驱体',
      '四氧化三钴销售',
    ])
      expect(segmentsForItem(li, item), item).toEqual([]);
    // 梅花生物 (MSG) "makes vaccines" on 0.4 % of revenue: under the share threshold.
    const bio = templates.get('biomedicine')!;
    expect(knownSum(lines(bio, '600873', 'vaccines'))).toBeLessThan(MIN_SHARE);
    // Equipment lines named after what the machine makes go to equipment, not to the product.
    expect(segmentsForItem(bio, '原料药单机')).toEqual(['pharma-equipment']);
  });

  it("a trader whose line carries the producers' own item name is left out by the segment's industries", () => {
    // 鹏欣资源 (SW 铜) trades PTA; its lines are named PTA, 精对苯二甲酸 (and 乙二醇), exactly like 荣盛石化's.
    // No name pattern can tell them apart; the feedstocks segment's `industries` filter does.
    const tex = templates.get('textile-apparel')!;
    const pengxin = lines(tex, '600490', 'feedstocks')
      .map((l) => l.item)
      .sort();
    const rongsheng = new Set(lines(tex, '002493', 'feedstocks').map((l) => l.item));
    expect(pengxin).toEqual(['PTA', '乙二醇', '精对苯二甲酸']);
    expect(rongsheng.has('PTA')).toBe(true);
    const m = segmentMembership(ds, chainStructure(tex));
    const s = tex.segments.findIndex((x) => x.id === 'feedstocks');
    const holders = new Set([...m.members[s]!].map((c) => ds.companies.ids[c]));
    // The copper trader, the heat utility and the potash maker that trade PTA are out; the
    // refiners and polyester makers are in.
    for (const trader of ['600490', '600982', '000408']) expect(holders.has(trader)).toBe(false);
    for (const maker of ['002493', '000703', '601233', '603225'])
      expect(holders.has(maker)).toBe(true);
    expect(m.outsideIndustry).toBeGreaterThanOrEqual(3);
    // A pharmacy chain reporting 中成药 sales is no TCM maker.
    const bio = templates.get('biomedicine')!;
    const mb = segmentMembership(ds, chainStructure(bio));
    const tcm = bio.segments.findIndex((x) => x.id === 'tcm');
    const tcmHolders = new Set([...mb.members[tcm]!].map((c) => ds.companies.names[c]));
    expect(tcmHolders.has('益丰药房')).toBe(false);
    expect(tcmHolders.has('九芝堂')).toBe(true);
  });
});

describe('shipped templates: every pattern matches something in cn-listed', () => {
  it('or is one of the listed standard names (which must match nothing)', () => {
    const unmatched: Record<string, string[]> = {};
    for (const t of templates.values()) {
      unmatched[t.id] = [];
      for (const s of t.segments)
        for (const p of s.includes)
          if (!items.some((i) => matchesInclude(p, i))) unmatched[t.id]!.push(p);
    }
    expect(unmatched).toEqual(UNMATCHED);
  });
});
