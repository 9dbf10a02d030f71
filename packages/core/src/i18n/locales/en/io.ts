/**
 * io's messages: validation issues (`file:row:column:` comes before them), DataErrors and table
 * notes, keyed by the code (`CODE.FORM` where a code has several forms). The English
 * text is the `message` io's issues hold (packages/io/src/messages.ts renders both).
 */
export const io = {
  'word.company': 'company',
  'word.product': 'product',
  'word.source': 'source',
  'word.target': 'target',
  'word.companies': 'companies',
  'word.memberships': 'memberships',
  'word.relations': 'relations',
  'word.products': 'products',
  'word.productLinks': 'productLinks',
  'word.template': 'template',
  'word.edges': 'edges',
  unread_one: '; {{n}} row not read (counted as rejected)',
  unread_other: '; {{n}} rows not read (counted as rejected)',

  'bad-encoding':
    'not valid {{encoding}} text at line {{line}}, column {{column}} (bytes {{bytes}})',
  'bad-encoding.gbk':
    'not valid {{encoding}} text at line {{line}}, column {{column}} (bytes {{bytes}}); it reads as GBK/GB18030: convert it to UTF-8, or set "encoding": "gbk" in chainlens.json',
  'bad-encoding.utf8':
    'not valid {{encoding}} text at line {{line}}, column {{column}} (bytes {{bytes}}); save the file as UTF-8',
  'bad-gzip': 'not a valid gzip file ({{reason}})',
  'bad-date':
    "{{column}} '{{value}}' is not a date (YYYY-MM-DD, YYYYMMDD, YYYY-MM or YYYY; a year or month stands for its end)",
  'bad-number.infinite': "{{column}} '{{value}}' is infinite",
  'bad-number.nan': "{{column}} '{{value}}' is NaN",
  'bad-number.notNumber': "{{column}} '{{value}}' is not a number",
  'bad-template': '{{reason}}',
  'control-character': 'control character {{char}} at position {{position}} of the field',
  'control-character.header': 'header column {{index}} holds control character {{char}}',
  'date-order': "{{end}} '{{endValue}}' is before {{start}} '{{startValue}}'",
  'duplicate-header':
    "header columns {{first}} and {{second}} are both named '{{name}}': which one holds the data is unclear",
  'duplicate-id': "duplicate {{what}} id '{{id}}' (first at row {{first}})",
  'duplicate-id.twin':
    "duplicate {{what}} id '{{id}}': the same as '{{earlier}}' at row {{first}} once compared by Unicode NFKC without invisible characters",
  'duplicate-key': "key '{{key}}' appears twice in the record: JSON keeps one value silently",
  'duplicate-membership':
    "duplicate membership of '{{company}}' in '{{segment}}' (first at row {{first}})",
  'duplicate-template': "template id '{{id}}' is also used by {{other}}",
  'empty-file': 'the file is empty: a header row is required',
  'empty-header': 'header column {{index}} has no name',
  'empty-id': 'empty {{what}} id',
  'empty-id.invisible': "{{what}} id '{{id}}' holds only invisible characters",
  'empty-id.segment': 'empty segment',
  'empty-id.product': 'empty {{what}} product',
  'field-too-long':
    'field of {{size}} bytes refused: fields above 64 KiB ({{limit}} bytes) are not data',
  'invisible-character_one':
    "{{what}} id '{{id}}' holds invisible character {{chars}}; ids are compared without them",
  'invisible-character_other':
    "{{what}} id '{{id}}' holds invisible characters {{chars}}; ids are compared without them",
  'malformed-arrow': 'not a valid Arrow IPC file: {{reason}}',
  'malformed-arrow.noColumns': 'not a valid Arrow IPC file: it has no columns',
  'csv.MissingQuotes': 'quoted field unterminated',
  'csv.InvalidQuotes': 'trailing quote on quoted field is malformed',
  'malformed-csv': 'malformed CSV: {{reason}}; the file was not read past line {{line}}',
  'malformed-json': 'malformed JSON: {{reason}}',
  'missing-column_one': 'missing required column {{missing}}; the header has {{header}}',
  'missing-column_other': 'missing required columns {{missing}}; the header has {{header}}',
  'missing-column.hint': " ({{column}}: did you mean '{{near}}'?)",
  'missing-file': '{{table}} file not found',
  'mixed-line-endings':
    'mixed line endings ({{kinds}}; line {{line}} is the first to end otherwise than line 1): each counts as one line break',
  'near-twin-id':
    "{{what}} id '{{id}}' is the same as '{{earlier}}' at row {{first}} once compared by Unicode NFKC without invisible characters; kept as a separate {{what}}",
  'not-a-value.array': "column '{{column}}' holds an array, not a value",
  'not-a-value.object': "column '{{column}}' holds an object, not a value",
  'not-an-array': 'a JSON table must be an array of objects, one per row',
  'not-an-object': 'row is {{value}}, not an object',
  'out-of-range.negative': '{{column}} {{value}} is negative',
  'out-of-range.share': '{{column}} {{value}} is outside [0, 1]',
  'ragged-row_one': 'row has {{count}} field, the header has {{width}}',
  'ragged-row_other': 'row has {{count}} fields, the header has {{width}}',
  'self-loop': "self-loop: '{{id}}' relates to itself",
  'self-loop.product': "self-loop: product '{{id}}' links to itself",
  'unknown-company': "unknown company '{{id}}'",
  'unknown-company.file': "unknown company '{{id}}' (not in {{file}})",
  'unknown-encoding': "unknown text encoding '{{encoding}}'",
  'unknown-format':
    "unknown table format of '{{file}}': use .csv, .tsv, .json or .arrow (optionally .gz)",
  'unknown-product': "unknown product '{{id}}' (not in {{file}})",
  'unknown-segment':
    "unknown segment or product '{{segment}}': no template or product list knows it",
  'unknown-segment.near':
    "unknown segment or product '{{segment}}': no template or product list knows it (did you mean '{{near}}'?)",
  'unknown-type': "unknown relation type '{{type}}'; known types: {{known}}",
  'unknown-type.near':
    "unknown relation type '{{type}}' (did you mean '{{near}}'?); known types: {{known}}",
  'unknown-type.product': "unknown product link type '{{type}}'; known: {{known}}",

  'no-such-path': 'no such file or folder',
  'not-a-dataset': 'not a dataset folder (no {{manifest}} in it)',
  'manifest-missing': 'dataset manifest not found',
  'manifest-json': 'malformed JSON: {{reason}}',
  'manifest-key': '{{reason}}',
  'manifest-unknown-keys_one': 'unknown key {{keys}}; known keys: {{known}}',
  'manifest-unknown-keys_other': 'unknown keys {{keys}}; known keys: {{known}}',
  'links-need-products': 'productLinks needs a products table',
  'path-leaves-folder': 'the path leaves the dataset folder {{dir}}',
  'link-leaves-folder':
    'a symbolic link to a file outside the dataset folder {{dir}}; copy the file into the folder',
  unreadable: 'could not be read',

  'note.unnamed_one': '{{n}} companies have no name; their id is shown instead',
  'note.unnamed_other': '{{n}} companies have no name; their id is shown instead',
  'note.no-region_one': '{{n}} companies have no region',
  'note.no-region_other': '{{n}} companies have no region',
  'note.self-loops_one': '{{n}} self-loops kept (allowed for this dataset)',
  'note.self-loops_other': '{{n}} self-loops kept (allowed for this dataset)',
  'note.no-weight_one': '{{n}} relations have no weight; 1 is used',
  'note.no-weight_other': '{{n}} relations have no weight; 1 is used',
  'note.no-share_one': '{{n}} memberships have no share (unknown, not 0)',
  'note.no-share_other': '{{n}} memberships have no share (unknown, not 0)',
  'note.unchecked-segments':
    'segments not checked: the dataset has no template and no product list',
} as const;
