import type { CatalogueOf } from '../types.js';
import type { spark as en } from '../en/spark.js';

/** `chainlens export --to bundle` 与 `chainlens spark` 的帮助、进度、结果摘要与错误信息。 */
export const spark = {
  help: '在 Apache Spark 上计算全局企业指标（正向与反向 PageRank、连通分量、k 核、标签传播社区）',
  'help.master':
    'Spark master：local[2]（本机，无需集群）、spark://主机:7077、yarn、k8s://https://主机:443',
  'help.out': '输出目录：bundle/、results/ 与 metrics.csv',
  'help.packages': '传给 spark-submit --packages 的 Maven 坐标（作业本身不需要）',
  'help.conf': '传给 spark-submit --conf 的 Spark 设置，形如 key=value',
  'help.relation': '视图中的关系类型（默认与 chainlens metrics 相同）',
  'help.seed': '标签传播的随机种子',

  'bundle.noRegion':
    '数据包包含一个关系视图的全图：--to bundle 不接受 --region（地区分析请在结果上运行 `chainlens analyze --region`）',
  'bundle.empty': '数据包无内容：{{name}} 中没有该视图的关系（{{types}}）',
  'bundle.done':
    '{{name}} 的数据包（{{types}}关系）：{{nodes}} 家企业，{{edges}} 条不同的关系（平行关系权重相加，自环保留），用时 {{s}} 秒。',
  'bundle.files': '已写入 {{files}}',
  'bundle.next':
    '下一步：spark-submit --master URL spark/chainlens_job.py {{dir}}，或 chainlens spark 数据集 --master URL --out 目录',

  'error.out': '必须给出 --out 目录：用于存放数据包、结果与 metrics.csv',
  'error.conf': "--conf 的格式应为 key=value，收到 '{{value}}'",
  'error.missing': '缺少{{what}}（{{detail}}）；安装命令：{{install}}',
  'error.what.java': ' Java 17 或更高版本',
  'error.what.python': ' Python 3',
  'error.what.pyspark': ' pyspark',
  'error.failed': 'spark-submit 运行 {{s}} 秒后以退出码 {{code}} 结束；最后几行输出：\n{{tail}}',
  'error.noResults': 'Spark 作业没有在 {{dir}} 中写出结果',

  'progress.environment': 'Spark {{pyspark}}（pyspark），Java {{java}}，Python {{python}}',
  'progress.bundle': '正在写出数据包',
  'progress.submit': 'spark-submit --master {{master}}',
  'progress.ui': 'Spark 界面：{{ui}}',
  'progress.loaded': 'Spark 已读入 {{nodes}} 家企业、{{edges}} 条关系',
  'progress.algorithm': '{{algorithm}}：第 {{iteration}} 步，变化量 {{change}}',
  'progress.written': '{{algorithm}} 已写出',
  'progress.join': '正在合并结果（DuckDB read_parquet）',

  'done.title': '{{name}} 的全局指标（Spark，{{master}}）：{{nodes}} 家企业，{{edges}} 条关系。',
  'done.pagerank':
    'PageRank α = {{alpha}}，迭代 {{iterations}} 次（最后一次 L1 变化量 {{change}}，低于 n·{{tol}} 即停止）；反向 PageRank 迭代 {{iterationsReverse}} 次。',
  'done.components': '弱连通分量：{{count}} 个，最大的包含 {{largest}} 家企业。',
  'done.core': '最大核数：{{max}}。',
  'done.lpa':
    '标签传播社区（种子 {{seed}}）：{{iterations}} 次迭代后共 {{count}} 个社区{{converged}}。',
  'done.lpaNotConverged': '，尚未稳定（最后一次迭代有 {{changed}} 家企业改变社区）',
  'done.timing':
    '用时：数据包 {{bundle}} 秒，Spark {{spark}} 秒（作业 {{job}} 秒），合并结果 {{join}} 秒。',
  'done.wrote': '已写入 {{file}}（{{columns}}）与 {{manifest}}。',
} as const satisfies CatalogueOf<typeof en>;
