/** io 的提示：数据校验问题（前面是 文件:行:列:）、数据错误与表格说明。键与 en/io.ts 相同。 */
import type { CatalogueOf } from '../types.js';
import type { io as en } from '../en/io.js';

export const io = {
  'word.company': '企业',
  'word.product': '产品',
  'word.source': '来源',
  'word.target': '目标',
  'word.companies': '企业',
  'word.memberships': '环节归属',
  'word.relations': '企业关系',
  'word.products': '产品',
  'word.productLinks': '产品关联',
  'word.template': '模板',
  'word.edges': '边表',
  unread_other: '；另有 {{n}} 行未读取（计为拒收）',

  'bad-encoding': '第 {{line}} 行第 {{column}} 列不是有效的 {{encoding}} 文本（字节 {{bytes}}）',
  'bad-encoding.gbk':
    '第 {{line}} 行第 {{column}} 列不是有效的 {{encoding}} 文本（字节 {{bytes}}）；该文件可按 GBK/GB18030 读取：请转存为 UTF-8，或在 chainlens.json 中设置 "encoding": "gbk"',
  'bad-encoding.utf8':
    '第 {{line}} 行第 {{column}} 列不是有效的 {{encoding}} 文本（字节 {{bytes}}）；请将文件另存为 UTF-8',
  'bad-gzip': '不是有效的 gzip 文件（解压程序提示：“{{reason}}”）',
  'bad-date':
    '{{column}} 的值 “{{value}}” 不是日期（应为 YYYY-MM-DD、YYYYMMDD、YYYY-MM 或 YYYY；只写年或年月时按该期末日计）',
  'bad-number.infinite': '{{column}} 的值 “{{value}}” 为无穷大',
  'bad-number.nan': '{{column}} 的值 “{{value}}” 不是数字（NaN）',
  'bad-number.notNumber': '{{column}} 的值 “{{value}}” 不是数字',
  'bad-template': '模板内容有误（校验提示：“{{reason}}”）',
  'control-character': '字段第 {{position}} 个字符是控制字符 {{char}}',
  'control-character.header': '表头第 {{index}} 列含控制字符 {{char}}',
  'date-order': '{{end}} “{{endValue}}” 早于 {{start}} “{{startValue}}”',
  'duplicate-header':
    '表头第 {{first}} 列和第 {{second}} 列同名（“{{name}}”），无法确定哪一列是数据',
  'duplicate-id': '{{what}} ID “{{id}}” 重复（首次出现在第 {{first}} 行）',
  'duplicate-id.twin':
    '{{what}} ID “{{id}}” 重复：按 Unicode NFKC 归一并去掉不可见字符后，与第 {{first}} 行的 “{{earlier}}” 相同',
  'duplicate-key': '记录中键 “{{key}}” 出现两次：JSON 只会静默保留其中一个值',
  'duplicate-membership':
    '企业 “{{company}}” 在环节 “{{segment}}” 的归属重复（首次出现在第 {{first}} 行）',
  'duplicate-template': '模板 ID “{{id}}” 已被 {{other}} 使用',
  'empty-file': '文件为空：至少需要一行表头',
  'empty-header': '表头第 {{index}} 列没有列名',
  'empty-id': '{{what}} ID 为空',
  'empty-id.invisible': '{{what}} ID “{{id}}” 只含不可见字符',
  'empty-id.segment': '环节为空',
  'empty-id.product': '{{what}}产品为空',
  'field-too-long': '字段长 {{size}} 字节，已拒收：超过 64 KiB（{{limit}} 字节）的字段不是数据',
  'invisible-character_other':
    '{{what}} ID “{{id}}” 含不可见字符 {{chars}}；比较 ID 时会忽略这些字符',
  'malformed-arrow': '不是有效的 Arrow IPC 文件（读取程序提示：“{{reason}}”）',
  'malformed-arrow.noColumns': '不是有效的 Arrow IPC 文件：没有任何列',
  'csv.MissingQuotes': '引号未闭合',
  'csv.InvalidQuotes': '引号字段的结尾引号不正确',
  'malformed-csv': 'CSV 格式错误：{{reason}}；文件只读到第 {{line}} 行',
  'malformed-json': 'JSON 格式错误（解析程序提示：“{{reason}}”）',
  'missing-column_other': '缺少必需的列 {{missing}}；表头现有 {{header}}',
  'missing-column.hint': '（{{column}}：是否应为 “{{near}}”？）',
  'missing-file': '找不到{{table}}文件',
  'mixed-line-endings':
    '换行符混用（{{kinds}}；第 {{line}} 行起与第 1 行的换行符不同）：每种换行符都按一次换行计',
  'near-twin-id':
    '{{what}} ID “{{id}}” 按 Unicode NFKC 归一并去掉不可见字符后，与第 {{first}} 行的 “{{earlier}}” 相同；仍作为另一个{{what}}保留',
  'not-a-value.array': '列 “{{column}}” 的值是数组，不是单个值',
  'not-a-value.object': '列 “{{column}}” 的值是对象，不是单个值',
  'not-an-array': 'JSON 表格必须是对象数组，每个对象为一行',
  'not-an-object': '该行是 {{value}}，不是对象',
  'out-of-range.negative': '{{column}} 为 {{value}}，不能为负数',
  'out-of-range.share': '{{column}} 为 {{value}}，超出 [0, 1] 范围',
  'ragged-row_other': '该行有 {{count}} 个字段，表头有 {{width}} 列',
  'self-loop': '自环：“{{id}}” 与自身相连',
  'self-loop.product': '自环：产品 “{{id}}” 与自身关联',
  'unknown-company': '未知企业 “{{id}}”',
  'unknown-company.file': '未知企业 “{{id}}”（不在 {{file}} 中）',
  'unknown-encoding': '未知的文本编码 “{{encoding}}”',
  'unknown-format':
    '无法识别表格文件 “{{file}}” 的格式：请使用 .csv、.tsv、.json 或 .arrow（可加 .gz）',
  'unknown-product': '未知产品 “{{id}}”（不在 {{file}} 中）',
  'unknown-segment': '未知环节或产品 “{{segment}}”：模板和产品清单中都没有',
  'unknown-segment.near':
    '未知环节或产品 “{{segment}}”：模板和产品清单中都没有（是否应为 “{{near}}”？）',
  'unknown-type': '未知关系类型 “{{type}}”；可用类型：{{known}}',
  'unknown-type.near': '未知关系类型 “{{type}}”（是否应为 “{{near}}”？）；可用类型：{{known}}',
  'unknown-type.product': '未知产品关联类型 “{{type}}”；可用类型：{{known}}',

  'no-such-path': '文件或文件夹不存在',
  'not-a-dataset': '不是数据集文件夹（其中没有 {{manifest}}）',
  'manifest-missing': '找不到数据集清单文件',
  'manifest-json': 'JSON 格式错误（解析程序提示：“{{reason}}”）',
  'manifest-key': '清单内容有误（校验提示：“{{reason}}”）',
  'manifest-unknown-keys_other': '未知的键 {{keys}}；可用的键：{{known}}',
  'links-need-products': 'productLinks 需要一张产品表（products）',
  'path-leaves-folder': '该路径超出了数据集文件夹 {{dir}}',
  'link-leaves-folder': '这是指向数据集文件夹 {{dir}} 之外文件的符号链接；请把文件复制到该文件夹内',
  unreadable: '无法读取',

  'note.unnamed_other': '{{n}} 家企业没有名称，以 ID 代替显示',
  'note.no-region_other': '{{n}} 家企业缺少地区信息',
  'note.self-loops_other': '保留了 {{n}} 条自环关系（本数据集允许）',
  'note.no-weight_other': '{{n}} 条关系没有权重，按 1 计',
  'note.no-share_other': '{{n}} 条环节归属没有营收占比（未知，不是 0）',
  'note.unchecked-segments': '未校验环节：数据集既没有模板也没有产品清单',
} as const satisfies CatalogueOf<typeof en>;
