/**
 * Messages of `chainlens export --to bundle` and `chainlens spark` (English): help, progress,
 * the summary and the errors. Keys: see ../zh-CN/spark.ts.
 */
export const spark = {
  help: 'compute the global per-company metrics (PageRank both ways, components, k-core, label propagation) on Apache Spark',
  'help.master':
    'Spark master: local[2] (no cluster), spark://host:7077, yarn, k8s://https://host:443',
  'help.out': 'folder for bundle/, results/ and metrics.csv',
  'help.packages': 'Maven coordinates for spark-submit --packages (none are needed by the job)',
  'help.conf': 'Spark settings for spark-submit --conf, as key=value',
  'help.relation': 'relation types of the view (default: as chainlens metrics)',
  'help.seed': 'seed of label propagation',

  'bundle.noRegion':
    'a bundle holds the whole graph of a relation view: --region does not apply to --to bundle (run `chainlens analyze --region` on the results instead)',
  'bundle.empty': 'nothing to put in a bundle: {{name}} has no relation of the view ({{types}})',
  'bundle.done':
    'Bundle of {{name}} on {{types}} relations: {{nodes}} companies, {{edges}} distinct relations (parallel relations summed, self-loops kept), {{s}} s.',
  'bundle.files': 'wrote {{files}}',
  'bundle.next':
    'next: spark-submit --master URL spark/chainlens_job.py {{dir}}, or chainlens spark DATASET --master URL --out DIR',

  'error.out': '--out DIR is required: the folder for the bundle, the results and metrics.csv',
  'error.conf': "--conf takes key=value, got '{{value}}'",
  'error.missing': '{{what}} is missing ({{detail}}); install it with: {{install}}',
  'error.what.java': 'Java 17 or later',
  'error.what.python': 'Python 3',
  'error.what.pyspark': 'pyspark',
  'error.failed': 'spark-submit exited {{code}} after {{s}} s; its last lines:\n{{tail}}',
  'error.noResults': 'the Spark job wrote no results into {{dir}}',

  'progress.environment': 'Spark {{pyspark}} (pyspark), Java {{java}}, Python {{python}}',
  'progress.bundle': 'Writing the bundle',
  'progress.submit': 'spark-submit --master {{master}}',
  'progress.ui': 'Spark UI: {{ui}}',
  'progress.loaded': 'Spark read {{nodes}} companies and {{edges}} relations',
  'progress.algorithm': '{{algorithm}}: superstep {{iteration}}, change {{change}}',
  'progress.written': '{{algorithm}} written',
  'progress.join': 'Joining the results back (DuckDB read_parquet)',

  'done.title':
    'Global metrics of {{name}} on Spark ({{master}}): {{nodes}} companies, {{edges}} relations.',
  'done.pagerank':
    'PageRank α = {{alpha}}, {{iterations}} iterations (last L1 change {{change}}, stop below n·{{tol}}); reverse PageRank {{iterationsReverse}} iterations.',
  'done.components':
    'Weakly connected components: {{count}}, the largest holds {{largest}} companies.',
  'done.core': 'Largest core number: {{max}}.',
  'done.lpa':
    'Label propagation (seed {{seed}}): {{count}} communities after {{iterations}} iterations{{converged}}.',
  'done.lpaNotConverged': ', still changing ({{changed}} companies moved in the last one)',
  'done.timing':
    'Times: bundle {{bundle}} s, Spark {{spark}} s (job {{job}} s), join-back {{join}} s.',
  'done.wrote': 'Wrote {{file}} ({{columns}}) and {{manifest}}.',
} as const;
