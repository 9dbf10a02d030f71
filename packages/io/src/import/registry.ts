/**
 * Enterprise-registry exports (企查查 / 天眼查 / 启信宝 style): rows of a sheet → the companies
 * table of a dataset. Finds the header row below title rows ("导出时间…", "共 312 条"), maps the
 * usual Chinese and English headers (or a mapping file's), checks each credit code
 * (GB 32100-2015), keeps one row per code, and leaves firms that are no longer operating
 * (注销, 吊销, 迁出, 停业, 清算 …) out of the cluster, unless the export gives the day they closed
 * (注销日期 / 吊销日期): then they are kept with `closed`, so that `--at` counts them until that day
 * (docs/time.md). 成立日期 is written as `founded`. Pure: reading the file is in read.ts.
 */
import { checkCreditCode } from './credit-code.js';
import { parseCapital, parseCount, parseDate } from './values.js';
import type { AddressResolver } from './divisions.js';
import type { ChainTemplate } from '@chainlens/core';
import type { PlacedMembership, UnplacedFirm } from './scope.js';
import { placeFirm } from './scope.js';
import { LIVE_RANK, statusGroup } from './status.js';

export { statusGroup } from './status.js';

/** What an import reads beyond the sheet: how to resolve addresses, which templates to place firms in. */
export interface ImportOptions {
  /** Resolves 注册地址 (and the province/city/county text) to a region path and NBS code. */
  resolveAddress?: AddressResolver;
  /** Templates whose segments firms are placed in from 经营范围 and 国标行业 [none]. */
  templates?: readonly ChainTemplate[];
}

/** The fields the importer gives meaning to; every other column is kept as it is. */
export const IMPORT_FIELDS = [
  'id',
  'name',
  'status',
  'region',
  'province',
  'city',
  'county',
  'capital',
  'established',
  'closed',
  'employees',
  'address',
  'industry',
  'scope',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The headers each field is recognised by (compared without spaces, case-insensitively). */
export const HEADER_ALIASES: Record<ImportField, readonly string[]> = {
  id: [
    '统一社会信用代码',
    '社会信用代码',
    '信用代码',
    'unified social credit code',
    'credit code',
    'uscc',
  ],
  name: ['企业名称', '公司名称', '名称', '单位名称', 'company name', 'company', 'name'],
  status: ['登记状态', '经营状态', '企业状态', '状态', 'registration status', 'status'],
  region: ['地区', '所属地区', 'region'],
  province: ['所属省份', '省份', '省', 'province'],
  city: ['所属城市', '城市', '市', 'city'],
  county: ['所属区县', '区县', '县区', 'county', 'district'],
  capital: ['注册资本', 'registered capital', 'capital'],
  established: ['成立日期', '成立时间', 'established', 'date of establishment', 'founded'],
  closed: [
    '注销日期',
    '吊销日期',
    '注销时间',
    '吊销时间',
    'date of cancellation',
    'date of revocation',
  ],
  employees: ['参保人数', '社保人数', 'insured employees', 'employees'],
  address: ['注册地址', '企业地址', '地址', 'registered address', 'address'],
  industry: ['国标行业', '所属行业', '行业', '行业门类', 'industry'],
  scope: ['经营范围', 'business scope', 'scope'],
};

/** Columns the importer adds after id, name, region: figures read from the export's text. */
export const DERIVED_COLUMNS = [
  'region_code',
  'status_group',
  'capital_wan',
  'capital_currency',
  'founded',
  'closed',
  'insured_employees',
  'size',
] as const;

/**
 * What the `size` column (the size component of the 链主 score, packages/core/src/chain/leaders.ts)
 * holds: 参保人数 (insured employees) when the export has that column, else 注册资本 in 万元 CNY
 * (foreign capital left empty: not converted), else nothing. Registry exports carry no revenue.
 */
export type SizeSource = 'employees' | 'capital' | 'none';

/** Header names of the other usual columns, recognised when looking for the header row. */
const OTHER_HEADERS = [
  '法定代表人',
  '成立日期',
  '注册资本',
  '注册地址',
  '国标行业',
  '所属行业',
  '经营范围',
  '参保人数',
  '企业类型',
  'legal representative',
  'established',
  'registered capital',
  'address',
  'industry',
  'business scope',
  'insured employees',
  'company type',
];

/** A mapping file: a field → the header that holds it; `headerRow` (1-based) when not found. */
export interface ImportMapping {
  columns?: Partial<Record<ImportField, string>>;
  headerRow?: number;
}

export type ImportProblemCode =
  | 'no-header'
  | 'no-column'
  | 'code-empty'
  | 'code-length'
  | 'code-character'
  | 'code-check'
  | 'code-normalised'
  | 'duplicate-code'
  | 'no-name'
  | 'status-unknown'
  | 'status-empty'
  | 'capital-foreign'
  | 'capital-bad'
  | 'date-invalid'
  | 'count-bad'
  | 'region-unresolved'
  | 'no-scope-column';

/** One problem, at file:sheet:row:column; params are the facts a message is built from. */
export interface ImportProblem {
  severity: 'error' | 'warning';
  code: ImportProblemCode;
  file: string;
  sheet: string;
  /** 1-based row of the sheet (line of a CSV); 0 for the whole sheet. */
  row: number;
  column: string;
  params: Record<string, string | number>;
}

/** A row as read: its 1-based row number in the sheet and its cells as text. */
export interface SheetRow {
  row: number;
  cells: string[];
}

export interface ExcludedFirm {
  row: number;
  id: string;
  name: string;
  status: string;
}

export interface ImportResult {
  file: string;
  sheet: string;
  /** 1-based row of the header. */
  headerRow: number;
  /** Header of the sheet → the field it was read as. */
  mapped: Partial<Record<ImportField, string>>;
  /** companies.csv: id, name, region, the derived columns, then the other columns of the export. */
  columns: string[];
  rows: string[][];
  excluded: ExcludedFirm[];
  /** What the `size` column holds. */
  sizeFrom: SizeSource;
  /** memberships.csv (with templates): one row per firm and segment it is placed in. */
  memberships: PlacedMembership[];
  /** Imported firms placed in no segment of any template (with templates). */
  unplaced: UnplacedFirm[];
  /** read = imported + excluded + rejected + duplicates. */
  counts: {
    read: number;
    imported: number;
    excluded: number;
    rejected: number;
    duplicates: number;
    warnings: number;
  };
  problems: ImportProblem[];
}

const key = (h: string) => h.replace(/[\s\u3000]/g, '').toLowerCase();

/** Strips the administrative suffix the bundled datasets leave out (浙江省 → 浙江, 绍兴市 → 绍兴, 柯桥区 → 柯桥). */
function regionPart(text: string, level: 'province' | 'city' | 'county'): string {
  const t = text.trim();
  if (t === '' || t === '-') return '';
  // The short form of cn-admin-divisions (柯桥区 → 柯桥, 昆山市 → 昆山), whole when one character would be left.
  if (level === 'county') return t.replace(/^(.{2,}?)(自治县|区|县|市|旗)$/, '$1');
  const autonomous = /^(内蒙古|广西|西藏|宁夏|新疆)/.exec(t);
  if (autonomous) return autonomous[1]!;
  return t.length > 2 ? t.replace(/(省|市)$/, '') : t;
}

function fieldsOf(header: string[], mapping: ImportMapping): Partial<Record<ImportField, number>> {
  const index: Partial<Record<ImportField, number>> = {};
  const keys = header.map(key);
  for (const field of IMPORT_FIELDS) {
    const given = mapping.columns?.[field];
    const names = given !== undefined ? [given] : HEADER_ALIASES[field];
    for (const n of names) {
      const i = keys.indexOf(key(n));
      if (i >= 0) {
        index[field] = i;
        break;
      }
    }
  }
  return index;
}

/** The index in `rows` of the header row: the first with the name and code columns. */
function findHeader(rows: SheetRow[], mapping: ImportMapping): number {
  if (mapping.headerRow !== undefined) return rows.findIndex((r) => r.row === mapping.headerRow);
  const known = new Set([...Object.values(HEADER_ALIASES).flat(), ...OTHER_HEADERS].map(key));
  for (let i = 0; i < Math.min(rows.length, 30); i++) {
    const f = fieldsOf(rows[i]!.cells, mapping);
    if (f.id === undefined || f.name === undefined) continue;
    if (rows[i]!.cells.filter((c) => known.has(key(c))).length >= 2 || mapping.columns) return i;
  }
  return -1;
}

/**
 * The companies of a sheet. `rows` are the sheet's rows in order (title rows included); `file`
 * and `sheet` name them in problems. Throws nothing: a sheet without a header row gives a
 * result with no rows and a 'no-header' error. A credit code listed twice (a renamed firm) is
 * kept once, from its live row (存续/在业 before an unknown status before 注销/迁出 …; the first
 * of equals), whatever the order of the rows.
 */
export function importRows(
  rows: SheetRow[],
  file: string,
  sheet: string,
  mapping: ImportMapping = {},
  options: ImportOptions = {},
): ImportResult {
  const { resolveAddress, templates = [] } = options;
  const problems: ImportProblem[] = [];
  const problem = (
    severity: ImportProblem['severity'],
    code: ImportProblemCode,
    row: number,
    column: string,
    params: Record<string, string | number> = {},
  ) => problems.push({ severity, code, file, sheet, row, column, params });
  const result: ImportResult = {
    file,
    sheet,
    headerRow: 0,
    mapped: {},
    columns: [],
    rows: [],
    excluded: [],
    sizeFrom: 'none',
    memberships: [],
    unplaced: [],
    counts: { read: 0, imported: 0, excluded: 0, rejected: 0, duplicates: 0, warnings: 0 },
    problems,
  };
  const h = findHeader(rows, mapping);
  if (h < 0) {
    const missing = mapping.columns?.name ?? HEADER_ALIASES.name[0]!;
    problem('error', 'no-header', 0, '', {
      name: missing,
      id: mapping.columns?.id ?? HEADER_ALIASES.id[0]!,
      row: mapping.headerRow ?? 0,
    });
    return result;
  }
  const header = rows[h]!.cells.map((c, i) => c.trim() || `column${i + 1}`);
  result.headerRow = rows[h]!.row;
  const f = fieldsOf(header, mapping);
  for (const [field, i] of Object.entries(f)) result.mapped[field as ImportField] = header[i];
  result.sizeFrom =
    f.employees !== undefined ? 'employees' : f.capital !== undefined ? 'capital' : 'none';
  if (templates.length > 0 && f.scope === undefined && f.industry === undefined)
    problem('warning', 'no-scope-column', 0, '', {
      scope: HEADER_ALIASES.scope[0]!,
      industry: HEADER_ALIASES.industry[0]!,
    });
  const used = new Set([f.id, f.name, f.region]);
  const others = header.map((_, i) => i).filter((i) => !used.has(i));
  const reserved = new Set<string>(['id', 'name', 'region', ...DERIVED_COLUMNS]);
  result.columns = [
    'id',
    'name',
    'region',
    ...DERIVED_COLUMNS,
    ...others.map((i) => (reserved.has(header[i]!) ? `${header[i]}_source` : header[i]!)),
  ];
  const idCol = header[f.id!]!;
  const nameCol = header[f.name!]!;
  const statusCol = f.status !== undefined ? header[f.status]! : '';
  const col = (i: number | undefined) => (i === undefined ? '' : header[i]!);
  const cellOf = (cells: string[], i: number | undefined) =>
    i === undefined ? '' : (cells[i] ?? '').trim();
  const groupOf = (cells: string[]) =>
    f.status === undefined ? 'unknown' : statusGroup(cellOf(cells, f.status));

  // Region text → what the division list resolves it to (an export repeats a few regions).
  const regionCodes = new Map<string, ReturnType<AddressResolver>>();
  // First pass: the row kept for each valid credit code (its live row).
  const keptRow = new Map<string, { row: number; rank: number }>();
  for (const { row, cells } of rows.slice(h + 1)) {
    const checked = checkCreditCode(cellOf(cells, f.id));
    if (!checked.ok || cellOf(cells, f.name) === '') continue;
    const rank = LIVE_RANK[groupOf(cells)];
    const kept = keptRow.get(checked.code);
    if (kept === undefined || rank > kept.rank) keptRow.set(checked.code, { row, rank });
  }

  for (const { row, cells } of rows.slice(h + 1)) {
    if (cells.every((c) => c.trim() === '')) continue;
    result.counts.read++;
    const cell = (i: number | undefined) => cellOf(cells, i);
    const raw = cell(f.id);
    const checked = checkCreditCode(raw);
    if (!checked.ok) {
      problem('error', `code-${checked.reason}`, row, idCol, { code: raw, detail: checked.detail });
      result.counts.rejected++;
      continue;
    }
    const name = cell(f.name);
    if (name === '') {
      problem('error', 'no-name', row, nameCol, { code: checked.code });
      result.counts.rejected++;
      continue;
    }
    if (checked.normalised)
      problem('warning', 'code-normalised', row, idCol, { code: raw, normalised: checked.code });
    const status = cell(f.status);
    const kept = keptRow.get(checked.code)!.row;
    if (kept !== row) {
      problem('warning', 'duplicate-code', row, idCol, {
        code: checked.code,
        kept,
        name,
        status: status || '-',
      });
      result.counts.duplicates++;
      continue;
    }
    const group = groupOf(cells);
    // A 注销/吊销 date keeps a closed firm, dated (docs/time.md): it counts until that day.
    const closed = parseDate(cell(f.closed));
    if (closed === undefined)
      problem('warning', 'date-invalid', row, col(f.closed), { value: cell(f.closed) });
    if (group === 'closed' && !closed) {
      result.excluded.push({ row, id: checked.code, name, status });
      result.counts.excluded++;
      continue;
    }
    if (f.status !== undefined && group === 'unknown')
      problem('warning', status === '' ? 'status-empty' : 'status-unknown', row, statusCol, {
        status,
        name,
      });
    const fromColumns = [
      regionPart(cell(f.province), 'province'),
      regionPart(cell(f.city), 'city'),
      regionPart(cell(f.county), 'county'),
    ]
      .filter((p) => p !== '')
      .join('/');
    let where = f.region !== undefined ? cell(f.region) : fromColumns;
    // The NBS code of the region, when the division list names the same path.
    let regionCode = '';
    if (where !== '' && resolveAddress) {
      const named =
        f.region !== undefined
          ? where.replace(/\//g, '')
          : [f.province, f.city, f.county]
              .map((i) => cell(i))
              .filter((t) => t !== '-')
              .join('');
      let found = regionCodes.get(named);
      if (!regionCodes.has(named)) regionCodes.set(named, (found = resolveAddress(named)));
      if (found?.path === where) regionCode = found.code;
    }
    const address = cell(f.address);
    if (where === '' && resolveAddress && address !== '') {
      const found = resolveAddress(address);
      where = found?.path ?? '';
      regionCode = found?.code ?? '';
      if (where === '')
        problem('warning', 'region-unresolved', row, col(f.address), { address, name });
    }
    const capital = parseCapital(cell(f.capital));
    if (capital.kind === 'bad')
      problem('warning', 'capital-bad', row, col(f.capital), { value: cell(f.capital) });
    else if (capital.kind === 'amount' && capital.currency !== 'CNY')
      problem('warning', 'capital-foreign', row, col(f.capital), {
        value: cell(f.capital),
        currency: capital.currency,
      });
    const date = parseDate(cell(f.established));
    if (date === undefined)
      problem('warning', 'date-invalid', row, col(f.established), { value: cell(f.established) });
    const employees = parseCount(cell(f.employees));
    if (employees === undefined)
      problem('warning', 'count-bad', row, col(f.employees), { value: cell(f.employees) });
    const amount = capital.kind === 'amount' ? capital : undefined;
    const cny = amount?.currency === 'CNY' ? String(amount.wan) : '';
    const size =
      result.sizeFrom === 'employees'
        ? (employees ?? '')
        : result.sizeFrom === 'capital'
          ? cny
          : '';
    if (templates.length > 0) {
      const placed = placeFirm(templates, checked.code, cell(f.scope), cell(f.industry));
      if (placed.memberships.length > 0) result.memberships.push(...placed.memberships);
      else
        result.unplaced.push({
          row,
          id: checked.code,
          name,
          industry: cell(f.industry),
          reason: placed.traded.length > 0 ? 'trade-only' : 'no-match',
          words: placed.traded,
        });
    }
    result.rows.push([
      checked.code,
      name,
      where,
      regionCode,
      group,
      amount ? String(amount.wan) : '',
      amount?.currency ?? '',
      date ?? '',
      closed ?? '',
      employees ?? '',
      size,
      ...others.map((i) => cell(i)),
    ]);
    result.counts.imported++;
  }
  result.counts.warnings = problems.filter((p) => p.severity === 'warning').length;
  return result;
}
