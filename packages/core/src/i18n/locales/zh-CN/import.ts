/** `chainlens import`：帮助、导入摘要与企业名录导出文件的各项问题。键与 en/import.ts 相同。 */
import type { CatalogueOf } from '../types.js';
import type { importNs as en } from '../en/import.js';

export const importNs = {
  help: '把企业名录导出表（.xlsx 或 .csv）转成数据集目录',
  'help.arg.file': '导出文件：.xlsx（读第一个工作表）或 .csv',
  'help.out': '要写入的数据集目录（chainlens.json、companies.csv、import-report.json）',
  'help.mapping': '列名映射 JSON 文件：{"columns": {"name": "…", "id": "…"}, "headerRow": N}',
  'help.name': 'chainlens.json 中的数据集名称（默认取文件名）',
  'help.force': '覆盖已有目录中的文件',
  'severity.error': '错误',
  'severity.warning': '警告',
  'problem.no-header':
    '未找到同时含企业名称列（{{name}}）和统一社会信用代码列（{{id}}）的表头行；请在 --mapping 文件中指定列名',
  'problem.code-empty': '缺少统一社会信用代码，该行不予导入',
  'problem.code-length': '统一社会信用代码「{{code}}」为 {{detail}} 位，应为 18 位，该行不予导入',
  'problem.code-character':
    '统一社会信用代码「{{code}}」含字符「{{detail}}」，不在 GB 32100-2015 代码字符集内，该行不予导入',
  'problem.code-check':
    '统一社会信用代码「{{code}}」校验码不符（应为「{{detail}}」），该行不予导入',
  'problem.code-normalised': '统一社会信用代码「{{code}}」已规范为 {{normalised}}',
  'problem.duplicate-code':
    '统一社会信用代码 {{code}} 已见于第 {{first}} 行，本行（{{name}}）不重复导入',
  'problem.no-name': '统一社会信用代码 {{code}} 缺少企业名称，该行不予导入',
  'problem.status-unknown': '无法识别登记状态「{{status}}」，{{name}} 仍予保留',
  'problem.status-empty': '登记状态为空，{{name}} 仍予保留',
  'problem.capital-foreign': '注册资本「{{value}}」以 {{currency}} 计，按原币种保留，未折算',
  'problem.capital-bad': '无法识别注册资本「{{value}}」，留空',
  'problem.date-invalid': '「{{value}}」不是有效日期，留空',
  'problem.count-bad': '「{{value}}」不是人数，留空',
  'summary.title': '{{file}}，工作表 {{sheet}}：表头在第 {{row}} 行',
  'summary.mapped': '识别的列：{{columns}}',
  'summary.counts':
    '读取 {{read}} 行：导入 {{imported}}，剔除（已注销、吊销、迁出等）{{excluded}}，不予导入 {{rejected}}，重复 {{duplicates}}',
  'summary.warnings_other': '警告 {{count}} 条',
  'summary.excluded': '不计入集群（已不在营）：',
  'summary.excludedLine': '  第 {{row}} 行：{{name}}（{{id}}），{{status}}',
  'summary.excludedMore': '  ……另有 {{n}} 家（完整名单见 import-report.json）',
  'summary.problems': '问题：',
  'summary.written': '已写入 {{dir}}：{{files}}',
  'summary.next': '下一步：chainlens validate {{dir}}，再 chainlens analyze {{dir}} --region 地区',
  'error.nothing': '{{file}}：没有导入任何企业（{{rejected}} 行不予导入）',
  'field.id': '统一社会信用代码',
  'field.name': '企业名称',
  'field.status': '登记状态',
  'field.region': '地区',
  'field.province': '省份',
  'field.city': '城市',
  'field.county': '区县',
  'field.capital': '注册资本',
  'field.established': '成立日期',
  'field.employees': '参保人数',
  'problem.region-unresolved': '注册地址「{{address}}」无法对应到行政区划，{{name}} 保留但地区为空',
  'field.address': '注册地址',
} as const satisfies CatalogueOf<typeof en>;
