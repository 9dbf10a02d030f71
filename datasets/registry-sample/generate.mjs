/**
 * Writes registry-sample.xlsx: a generated, clearly fictional enterprise-registry export (企查查 /
 * 天眼查 style) of a textile cluster around 绍兴市柯桥区, with two title rows above the header
 * and the problems a real export has (closed firms, a mistyped credit code, a code in lower
 * case, a renamed firm listed twice (its earlier row 迁出, the new one 存续), an unrecognised
 * status; scope texts of makers, traders and service firms). Every firm, person and address is
 * invented; credit codes are built with the GB 32100-2015 check character and the fictitious
 * sequence part "MA9…".
 *
 * Run from the repository root after the build: node datasets/registry-sample/generate.mjs
 * (`node datasets/registry-sample/generate.mjs 100000 out/big.xlsx` for a timing run).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { creditCodeCheck } from '../../packages/io/dist/node.js';

const require = createRequire(new URL('../../packages/io/package.json', import.meta.url));
const ExcelJS = require('exceljs');

/** `node generate.mjs [N] [FILE]`: N firms (default 300) into FILE (default registry-sample.xlsx). */
const FIRMS = Number(process.argv[2] ?? 300);
let seed = 20261202;
/** Deterministic pseudo-random integer in [0, n) (mulberry32). */
function rand(n) {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
}
const pick = (xs) => xs[rand(xs.length)];

const WORDS = [
  '锦',
  '华',
  '盛',
  '恒',
  '瑞',
  '丰',
  '鑫',
  '达',
  '宏',
  '泰',
  '新',
  '立',
  '佳',
  '美',
  '源',
  '远',
  '顺',
  '和',
  '嘉',
  '逸',
];
/**
 * Kinds of firm: [name word, weight, 国标行业 choices, 经营范围 choices, 参保人数 range, towns].
 * Scope texts are written as registry exports write them: "一般项目：…", bracketed remarks,
 * "销售：…" lists of traded goods, makers that also sell, service firms.
 */
const KEQIAO = [
  ['柯桥区', '柯桥街道'],
  ['柯桥区', '华舍街道'],
  ['柯桥区', '齐贤街道'],
  ['柯桥区', '杨汛桥街道'],
  ['柯桥区', '钱清街道'],
  ['柯桥区', '马鞍街道'],
];
const AROUND = [
  ['越城区', '东湖街道'],
  ['诸暨市', '大唐街道'],
];
const GENERAL = '（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）';
const KINDS = [
  [
    '纺织',
    6,
    ['棉织造加工', '化纤织造加工', '针织或钩针编织物织造'],
    [
      '纺织品、针织品生产、销售；面料加工',
      `一般项目：面料织造；纺织品销售${GENERAL}`,
      '喷水织造；化纤面料、坯布生产、销售',
    ],
    [10, 200],
    KEQIAO,
  ],
  [
    '化纤',
    4,
    ['涤纶纤维制造', '化学纤维制造业'],
    [
      '涤纶长丝、化学纤维制造、销售',
      '差别化涤纶长丝（POY、FDY、DTY）生产、加工；货物进出口',
      '锦纶长丝、氨纶丝生产、销售（不含危险化学品）',
    ],
    [80, 900],
    KEQIAO,
  ],
  [
    '印染',
    5,
    ['棉印染精加工', '化纤织物染整精加工'],
    [
      '面料印染加工；纺织品销售',
      '纺织品印染、后整理加工；染料（不含危险化学品）销售',
      '数码印花加工；服装面料销售',
    ],
    [60, 600],
    KEQIAO,
  ],
  [
    '服饰',
    5,
    ['机织服装制造', '针织或钩针编织服装制造', '服饰制造'],
    ['服装、服饰制造、销售；面料销售', '服装加工、销售；服装设计', '针织服装、羊毛衫生产、销售'],
    [10, 300],
    [...KEQIAO, ...AROUND],
  ],
  [
    '家纺',
    4,
    ['家用纺织制成品制造', '床上用品制造', '窗帘、布艺类产品制造'],
    [
      '窗帘、床上用品、家用纺织品制造、销售',
      '布艺窗帘、沙发布生产、销售',
      '床上用品、毛巾加工、销售',
    ],
    [10, 200],
    KEQIAO,
  ],
  [
    '纺机',
    2,
    ['纺织专用设备制造'],
    ['纺织机械及配件制造、销售', '喷水织机、剑杆织机配件加工、销售；纺织机械维修'],
    [5, 120],
    [...KEQIAO, ['越城区', '东湖街道']],
  ],
  [
    '纱线',
    3,
    ['棉纺纱加工', '化纤纺纱加工'],
    ['纱线、包覆纱生产、销售', '棉纱、混纺纱加工、销售'],
    [10, 150],
    [
      ['诸暨市', '大唐街道'],
      ['诸暨市', '大唐街道'],
      ['柯桥区', '钱清街道'],
    ],
  ],
  ['辅料', 1, ['其他纺织制成品制造'], ['服装辅料、拉链、纽扣加工、销售'], [5, 60], KEQIAO],
  ['无纺', 1, ['非织造布制造'], ['无纺布、土工布生产、销售'], [10, 100], [...KEQIAO, ...AROUND]],
  [
    '轻纺贸易',
    8,
    ['纺织、服装及家庭用品批发', '纺织品、针织品及原料批发'],
    [
      '轻纺原料、面料、辅料批发、零售',
      '销售：纺织品、服装、鞋帽、化纤原料；货物进出口',
      `一般项目：纺织品销售；服装服饰批发；技术服务${GENERAL}`,
    ],
    [0, 20],
    [...KEQIAO, ...AROUND],
  ],
  [
    '纺织科技',
    1,
    ['科技推广和应用服务业'],
    ['纺织技术开发、技术咨询；纺织品销售'],
    [0, 15],
    KEQIAO,
  ],
];
const WEIGHTED = KINDS.flatMap((k) => Array(k[1]).fill(k));
/** Integrated groups (化纤—织造—印染—服装), the kind of firm a 链主 is: every 50th firm. */
const GROUP = [
  '纺织集团',
  1,
  ['化纤织造加工'],
  ['涤纶长丝、差别化纤维、面料生产、加工；纺织品印染、后整理；服装制造；货物进出口'],
  [1200, 3000],
  KEQIAO,
];
const SURNAMES = ['王', '李', '张', '陈', '杨', '沈', '金', '钱', '孙', '周', '吴', '徐'];
const GIVEN = ['建国', '伟', '芳', '军', '丽', '强', '敏', '杰', '海', '燕', '明', '红'];
const TYPES = [
  '有限责任公司(自然人投资或控股)',
  '有限责任公司(自然人独资)',
  '股份有限公司(非上市、自然人投资或控股)',
  '个人独资企业',
];
const STATUS = [
  ...Array(40).fill('存续'),
  ...Array(8).fill('在业'),
  '开业',
  '注销',
  '注销',
  '注销',
  '吊销，未注销',
  '迁出',
  '停业',
];

function code(i) {
  const county = '330603';
  const body = `91${county}MA9${String(i).padStart(6, '0')}`;
  return body + creditCodeCheck(body);
}

const HEADER = [
  '序号',
  '企业名称',
  '统一社会信用代码',
  '法定代表人',
  '登记状态',
  '成立日期',
  '注册资本',
  '注册地址',
  '所属省份',
  '所属城市',
  '所属区县',
  '国标行业',
  '经营范围',
  '参保人数',
  '企业类型',
];
const rows = [];
for (let i = 1; i <= FIRMS; i++) {
  const [kind, , industries, scopes, [low, high], towns] = i % 50 === 25 ? GROUP : pick(WEIGHTED);
  const industry = pick(industries);
  const scope = pick(scopes);
  const [county, street] = pick(towns);
  const employees = low + rand(high - low + 1);
  const name = `绍兴${pick(WORDS)}${pick(WORDS)}${kind}有限公司`;
  const year = 1995 + rand(30);
  // A few firms with foreign capital (外资): kept in their currency by the import, flagged.
  const capital =
    rand(60) === 0
      ? pick(['200万美元', '500万港元'])
      : pick([
          '50万人民币',
          '100万人民币',
          '300万元人民币',
          '500万人民币',
          '1000万人民币',
          '2000万人民币',
          '1.2亿元人民币',
          '-',
        ]);
  const registered = kind === '纺织集团' ? pick(['3.5亿元人民币', '2亿元人民币']) : capital;
  rows.push([
    i,
    `${name.slice(0, -4)}${i}号${name.slice(-4)}`,
    code(i),
    pick(SURNAMES) + pick(GIVEN),
    pick(STATUS),
    `${year}-${String(1 + rand(12)).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`,
    registered,
    `浙江省绍兴市${county}${street}示例路${1 + rand(999)}号`,
    '浙江省',
    '绍兴市',
    county,
    industry,
    scope,
    String(employees),
    pick(TYPES),
  ]);
}
// Problems an export has: a mistyped code, one in lower case, a renamed firm listed twice, an
// unrecognised status.
rows[41][2] = rows[41][2].slice(0, 17) + (rows[41][2][17] === '0' ? '1' : '0');
rows[77][2] = rows[77][2].toLowerCase();
// The renamed firm: its earlier row 迁出 under the old name, the new row live (存续); the import
// keeps the live row whatever the order.
rows[12][4] = '迁出';
rows.push([
  FIRMS + 1,
  `${rows[12][1].replace('有限公司', '')}（原名变更）有限公司`,
  rows[12][2],
  rows[12][3],
  '存续',
  ...rows[12].slice(5),
]);
rows[150][4] = '筹建';

const book = new ExcelJS.Workbook();
book.creator = 'chainlens registry-sample generator';
book.created = book.modified = new Date('2026-12-01T00:00:00Z');
const ws = book.addWorksheet('企业列表');
ws.addRow(['柯桥纺织企业名录（虚构示例数据，非真实企业）']);
ws.addRow([`导出时间：2026-12-01 09:30:00`, `共 ${rows.length} 条`]);
ws.addRow(HEADER);
for (const r of rows) ws.addRow(r);
ws.mergeCells(1, 1, 1, HEADER.length);
const out = process.argv[3] ?? fileURLToPath(new URL('registry-sample.xlsx', import.meta.url));
await book.xlsx.writeFile(out);
console.log(`wrote ${out}: ${rows.length} rows`);
