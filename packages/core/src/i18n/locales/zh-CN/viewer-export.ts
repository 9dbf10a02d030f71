import type { CatalogueOf } from '../types.js';
import type { viewerExport as en } from '../en/viewer-export.js';

/** 浏览器视图的导出用语：PNG / SVG 图片的标题、图例与数据说明，文件提示。 */
export const viewerExport = {
  title: '{{dataset}} · {{cluster}}',
  'title.chain': '{{dataset}} · {{cluster}} · {{template}}',
  'title.focus': '选中：{{name}} 及其周边 {{n}} 家企业',
  'note.dataset': '数据：{{dataset}}',
  'note.cluster': '地区：{{cluster}}',
  'note.template': '产业链模板：{{template}}',
  'note.noTemplate': '未选产业链模板',
  'note.date': '导出日期：{{date}}',
  'note.drawn': '绘制 {{nodes}} 个节点、{{edges}} 条关联',
  'note.inferredAll': '所绘 {{n}} 条关联均为推断（依据产品与环节数据推导），并非观测到的交易。',
  'note.inferredSome':
    '所绘 {{n}} 条关联中有 {{inferred}} 条为推断（依据产品与环节数据推导），并非观测到的交易。',
  'note.grouped': '节点为企业分组（见图例），分组之间的关联已合计。',
  'note.credit': 'Chainlens 网络视图',
  'legend.more_other': '……另有 {{n}} 类',
  'legend.relations': '关联',
  'legend.marks': '产业链标记',
  'csv.none': '没有可导出的内容：当前未显示任何企业。',
  'status.csv_other': '已下载 {{n}} 家企业（{{what}}）的 CSV。',
  'status.what.focus': '选中范围',
  'status.what.shown': '当前显示的企业',
} satisfies CatalogueOf<typeof en>;
