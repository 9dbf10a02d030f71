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
    'credit code {{code}} also on row {{kept}}, which is kept (an operating firm before a closed one, else the first row); this row ({{name}}, {{status}}) left out',
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
  'summary.problemsMore': '  … and {{n}} more problems (every one in import-report.json)',
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
  'help.template':
    'place firms in the segments of a chain template (id or JSON file; repeatable) by their 经营范围 and 国标行业; writes memberships.csv',
  'field.industry': 'industry',
  'field.scope': 'business scope',
  'problem.no-scope-column':
    'no business-scope column ({{scope}}) and no industry column ({{industry}}): no firm can be placed in a segment; name them in a --mapping file',
  'summary.size.employees': 'size (for the leading-firm score): insured employees (参保人数)',
  'summary.size.capital':
    'size (for the leading-firm score): registered capital in 10,000 CNY (foreign-currency capital left empty, not converted)',
  'summary.size.none':
    'size (for the leading-firm score): none (no insured-employee or capital column)',
  'summary.placed':
    'segments of {{templates}}: {{placed}} of {{imported}} firms placed, {{memberships}} memberships; their revenue shares are unknown (a registry export has no revenue breakdown), so each holds its segment marked "share ?"',
  'summary.bySegment': 'firms per segment: {{segments}}',
  'summary.unplaced':
    '{{n}} firms placed in no segment ({{trade}} only sell, wholesale or serve what they name; {{none}} name nothing of the chain), by industry: {{industries}} (every one in import-report.json)',
  'summary.noIndustry': '(no industry)',
  'summary.nextTemplate':
    'next: chainlens validate {{dir}}, then chainlens analyze {{dir}} --region PATH --template {{template}}',
  'error.missingFile': '{{file}}: no such file',
  'error.unreadableXlsx': '{{file}}: not a readable .xlsx workbook ({{reason}})',
  'error.noSheet': '{{file}}: the workbook has no worksheet',
  'error.oldExcel':
    "{{file}}: '{{ext}}' (old Excel / WPS format) cannot be read; save it as .xlsx or .csv and import that",
  'error.fileType': "{{file}}: cannot import '{{ext}}' files; give an .xlsx or .csv export",
  'error.mappingJson': '{{file}}: not a JSON mapping file ({{reason}})',
  'error.mappingShape': '{{file}}: {{path}}: {{reason}}',
  'field.address': 'address',
} as const;
