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
    '统一社会信用代码 {{code}} 与第 {{kept}} 行重复，保留第 {{kept}} 行（在营者优先，否则取先出现的一行）；本行（{{name}}，{{status}}）不重复导入',
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
  'summary.problemsMore': '  ……另有 {{n}} 条问题（完整列表见 import-report.json）',
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
  'help.template':
    '按经营范围和国标行业把企业归入产业链模板的环节（模板 id 或 JSON 文件，可重复）；写出 memberships.csv',
  'field.industry': '国标行业',
  'field.scope': '经营范围',
  'problem.no-scope-column':
    '没有经营范围列（{{scope}}），也没有行业列（{{industry}}）：无法把企业归入环节；请在 --mapping 文件中指定列名',
  'summary.size.employees': '企业规模（用于链主评分）：参保人数',
  'summary.size.capital':
    '企业规模（用于链主评分）：注册资本（万元人民币；外币注册资本留空，未折算）',
  'summary.size.none': '企业规模（用于链主评分）：无（既无参保人数列，也无注册资本列）',
  'summary.placed':
    '{{templates}} 环节归属：{{imported}} 家中 {{placed}} 家归入环节，共 {{memberships}} 条归属；营收占比未知（名录不含营收构成），各归属均标为「占比 ?」',
  'summary.bySegment': '各环节企业数：{{segments}}',
  'summary.unplaced':
    '未归入任何环节 {{n}} 家（仅销售、批发或提供服务 {{trade}} 家，未提及本链产品 {{none}} 家），按行业：{{industries}}（完整名单见 import-report.json）',
  'summary.noIndustry': '（无行业）',
  'summary.nextTemplate':
    '下一步：chainlens validate {{dir}}，再 chainlens analyze {{dir}} --region 地区 --template {{template}}',
  'error.missingFile': '{{file}}：文件不存在',
  'error.unreadableXlsx': '{{file}}：无法读取的 .xlsx 工作簿（{{reason}}）',
  'error.noSheet': '{{file}}：工作簿中没有工作表',
  'error.oldExcel':
    '{{file}}：无法读取「{{ext}}」（旧版 Excel / WPS 格式）；请另存为 .xlsx 或 .csv 后再导入',
  'error.fileType': '{{file}}：不能导入「{{ext}}」文件；请提供 .xlsx 或 .csv 导出文件',
  'error.mappingJson': '{{file}}：不是 JSON 列名映射文件（{{reason}}）',
  'error.mappingShape': '{{file}}：{{path}}：{{reason}}',
  'field.address': '注册地址',
} as const satisfies CatalogueOf<typeof en>;
