/**
 * `chainlens import`: help, the printed summary and each problem of a registry export
 * (`file:sheet:row:column: ` comes before a problem), keyed by the problem's code.
 */
export const importNs = {
  help: 'turn an enterprise-registry export (.xlsx or .csv) into a dataset folder',
  'help.arg.file': 'the export: .xlsx (first worksheet) or .csv',
  'help.out': 'dataset folder to write (chainlens.json, companies.csv, import-report.json)',
  'help.mapping':
    'JSON file naming the headers: {"columns": {"name": "…", "id": "…"}, "headerRow": N}',
  'help.name': 'dataset name in chainlens.json (default: the file name)',
  'help.force': 'replace the files of an existing folder',
  'severity.error': 'error',
  'severity.warning': 'warning',
  'problem.no-header':
    'no header row with a company-name column ({{name}}) and a credit-code column ({{id}}); name them in a --mapping file',
  'problem.code-empty': 'no credit code; row rejected',
  'problem.code-length': "credit code '{{code}}' has {{detail}} characters, not 18; row rejected",
  'problem.code-character':
    "credit code '{{code}}' has '{{detail}}', which is not in the GB 32100-2015 alphabet; row rejected",
  'problem.code-check':
    "credit code '{{code}}' fails the check character (expected '{{detail}}'); row rejected",
  'problem.code-normalised': "credit code '{{code}}' read as {{normalised}}",
  'problem.duplicate-code':
    'credit code {{code}} already on row {{first}}; this row ({{name}}) left out',
  'problem.no-name': 'no company name for credit code {{code}}; row rejected',
  'problem.status-unknown': "status '{{status}}' not recognised; {{name}} kept",
  'problem.status-empty': 'no status; {{name}} kept',
  'problem.capital-foreign':
    "registered capital '{{value}}' is in {{currency}}: kept in {{currency}}, not converted",
  'problem.capital-bad': "registered capital '{{value}}' not understood; left empty",
  'problem.date-invalid': "'{{value}}' is not a real date; left empty",
  'problem.count-bad': "'{{value}}' is not a number of people; left empty",
  'summary.title': '{{file}}, sheet {{sheet}}: header on row {{row}}',
  'summary.mapped': 'columns read: {{columns}}',
  'summary.counts':
    'rows read {{read}}: imported {{imported}}, excluded (no longer operating) {{excluded}}, rejected {{rejected}}, duplicates left out {{duplicates}}',
  'summary.warnings_one': '{{count}} warning',
  'summary.warnings_other': '{{count}} warnings',
  'summary.excluded': 'excluded from the cluster (no longer operating):',
  'summary.excludedLine': '  row {{row}}: {{name}} ({{id}}), {{status}}',
  'summary.excludedMore': '  … and {{n}} more (every one in import-report.json)',
  'summary.problems': 'problems:',
  'summary.written': 'wrote {{dir}}: {{files}}',
  'summary.next': 'next: chainlens validate {{dir}}, then chainlens analyze {{dir}} --region PATH',
  'error.nothing': '{{file}}: no company imported ({{rejected}} rows rejected)',
  'field.id': 'credit code',
  'field.name': 'name',
  'field.status': 'status',
  'field.region': 'region',
  'field.province': 'province',
  'field.city': 'city',
  'field.county': 'county',
  'field.capital': 'registered capital',
  'field.established': 'established',
  'field.employees': 'insured employees',
  'problem.region-unresolved':
    "address '{{address}}' not resolved to a region; {{name}} kept with an empty region",
  'field.address': 'address',
} as const;
