/** `chainlens prepare` 与数据集目录的预处理文件：帮助、prepare 的输出、命令读取或发现其过期时的提示。键与 en/prepare.ts 相同。 */
import type { CatalogueOf } from '../types.js';
import type { prepare as en } from '../en/prepare.js';

export const prepare = {
  help: '把数据集目录读取一次，将校验后的各表以类型化列保存到 DIR/.chainlens/prepared.bin，之后 analyze、compare、metrics 几秒即可读入',
  'help.arg': '数据集目录（含 chainlens.json）',
  notFolder: '“{{path}}”不是数据集目录：prepare 需要一个含 chainlens.json 的目录',
  done: '已预处理 {{name}}（{{status}}）：{{companies}} 家企业、{{relations}} 条关系、{{memberships}} 条环节归属 → {{file}}（{{size}}），用时 {{seconds}} 秒（读取 {{read}} 秒，写入 {{write}} 秒）',
  stamps:
    '只要目录中 {{files}} 个文件的大小、修改时间及首尾各 64 KiB 内容不变，命令就使用它；任何改动都会让命令重新读取原表，直到再次运行 prepare。',
  used: '已读取预处理文件 {{file}}（{{size}}，来自 {{files}} 个未改动的文件），用时 {{seconds}} 秒',
  stale:
    '预处理文件 {{file}} 已过期（{{reason}}）：改为读取原表；再次运行 `chainlens prepare {{dir}}` 可让之后的命令变快',
  'reason.added': '新增了 {{changed}}',
  'reason.removed': '删除了 {{changed}}',
  'reason.size': '{{changed}} 的大小变了',
  'reason.mtime': '{{changed}} 被修改过',
  'reason.contents': '{{changed}} 的内容变了',
  oldFormat:
    '预处理文件 {{file}} 由另一版本的 chainlens 写入：改为读取原表；请再次运行 `chainlens prepare {{dir}}`',
} as const satisfies CatalogueOf<typeof en>;
