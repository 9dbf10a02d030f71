import type { CatalogueOf } from '../types.js';
import type { map as en } from '../en/map.js';

/** 省级方块图（report/render/province-map.ts）的图例、提示、报告中“在各省中的位置”一节和 compare 网页。 */
export const map = {
  'grid.note':
    '方块示意图：每个方块代表一个省级行政区，按大致地理位置排列、大小相同，不绘制行政区划边界。',
  'legend.noData': '无数据',
  'legend.highlight': '{{name}}：加框标出',
  'tile.title': '{{name}}：{{value}}',
  'tile.titleDetail': '{{name}}：{{value}}（{{detail}}）',
  'tile.detail': '第 {{rank}} 名，链上企业 {{firms}}',
  'figure.coverage': '环节覆盖度',
  'figure.redundancy': '产业链完整度',
  'figure.link': '上下游衔接率',
  'figure.path': '路径完整度',
  'section.title': '在各省中的位置',
  'section.lede': '下图为{{chain}}在各省的{{figure}}，与上文同一算法，按各省企业分别计算。',
  'section.rank': '{{region}}加框标出：在 {{n}} 个省级地区中排第 {{rank}} 位（{{value}}）。',
  'section.within':
    '本集群位于{{region}}（加框标出）：该省在 {{n}} 个省级地区中排第 {{rank}} 位（{{value}}）。',
  'section.noRegion': '本集群不属于单一地区，图中不标出省份。',
  offGrid: '{{names}}：不是省级行政区，未在图中显示。',
  'compare.title': '{{chain}}：各省{{figure}}',
  'compare.lede':
    '数据集 {{dataset}}：{{n}} 个地区按{{figure}}排序；企业某环节营收占比不低于 {{minShare}} 才计入该环节。',
  'compare.ranking': '排名表',
  'compare.footer': '由 chainlens {{version}} 生成（compare --format html）。',
  'col.rank': '排名',
  'col.region': '地区',
  'col.companies': '企业数',
  'col.chainCompanies': '链上企业',
  'col.upstream': '上游覆盖度',
  'col.midstream': '中游覆盖度',
  'col.downstream': '下游覆盖度',
  'error.htmlNeedsTemplate':
    '--format html 绘制一条产业链在各省的情况：请用 --template ID（而不是 --region）',
  'error.htmlNeedsProvinces': '--format html 按省绘制：请用 --level 1（当前为 {{level}}）',
  'viewer.title': '各省对比',
  'viewer.note': '各省企业按同一模板分别评估。',
  'viewer.error': '省级方块图无法绘制。',
} satisfies CatalogueOf<typeof en>;
