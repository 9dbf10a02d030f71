/**
 * io's messages in any language. Every issue and DataError of io carries the facts it was built
 * from (`params`) next to its English `message`; `ioText` renders them through the `io`
 * namespace of core's catalogues (key `io:CODE`, or `io:CODE.FORM` when a code has several
 * forms), so `chainlens validate --lang zh-CN` prints Chinese while io's English text, which
 * tests and logs read, stays as it was. A code without params (from an older caller, or
 * @chainlens/scale) keeps its English message.
 */
import type { Translator } from '@chainlens/core';
import { EN } from '@chainlens/core';

/** The facts of one message: ids, numbers and names as read, and lists of them. */
export type IssueParams = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/** Every code io gives an issue, a DataError or a table note (test/messages.test.ts checks each). */
export const IO_CODES = [
  'bad-encoding',
  'bad-date',
  'bad-gzip',
  'bad-number',
  'bad-template',
  'control-character',
  'date-order',
  'duplicate-header',
  'duplicate-id',
  'duplicate-key',
  'duplicate-membership',
  'duplicate-template',
  'empty-file',
  'empty-header',
  'empty-id',
  'field-too-long',
  'invisible-character',
  'malformed-arrow',
  'malformed-csv',
  'malformed-json',
  'missing-column',
  'missing-file',
  'mixed-line-endings',
  'near-twin-id',
  'not-a-value',
  'not-an-array',
  'not-an-object',
  'out-of-range',
  'ragged-row',
  'self-loop',
  'unknown-company',
  'unknown-encoding',
  'unknown-format',
  'unknown-product',
  'unknown-segment',
  'unknown-type',
  // DataErrors of a whole dataset
  'no-such-path',
  'not-a-dataset',
  'manifest-missing',
  'manifest-json',
  'manifest-key',
  'manifest-unknown-keys',
  'links-need-products',
  'path-leaves-folder',
  'link-leaves-folder',
  'unreadable',
  // table notes
  'note.unnamed',
  'note.no-region',
  'note.self-loops',
  'note.no-weight',
  'note.no-share',
  'note.unchecked-segments',
] as const;
export type IoCode = (typeof IO_CODES)[number];

/** The catalogue key of `code` with `params` (`io:CODE` or `io:CODE.FORM`). */
export function ioKey(code: string, params: IssueParams = {}): string {
  return params.form === undefined ? `io:${code}` : `io:${code}.${String(params.form)}`;
}

/** Params that are counts, shown with thousands separators (1,234). */
const COUNTED = new Set(['size', 'limit', 'n', 'unread']);
/** Params that name a kind of thing (company, product, source…), shown in the language. */
const WORDS = new Set(['what', 'table']);

/**
 * The text of io message `code` with `params` in `tr`'s language. A `count` param picks the
 * plural form; `unread` adds "; N rows not read (counted as rejected)".
 */
export function ioText(tr: Translator, code: string, params: IssueParams = {}): string {
  const vars: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) vars[k] = tr.list(v as string[]);
    else if (WORDS.has(k)) vars[k] = tr.t(`io:word.${String(v)}`, { defaultValue: v });
    else if (typeof v === 'number' && COUNTED.has(k)) vars[k] = tr.count(v);
    else vars[k] = v;
  }
  if (typeof params.count === 'number') vars.n ??= tr.count(params.count);
  // The CSV parser's own reason (papaparse, English) by its code, where the language has one.
  if (code === 'malformed-csv' && tr.lang !== 'en' && typeof params.parser === 'string')
    vars.reason = tr.t(`io:csv.${params.parser}`, { defaultValue: params.reason });
  let text = tr.t(ioKey(code, params), vars);
  if (code === 'missing-column' && Array.isArray(params.near)) {
    const missing = params.missing as readonly string[];
    text += (params.near as readonly string[])
      .map((near, i) => (near ? tr.t('io:missing-column.hint', { column: missing[i], near }) : ''))
      .join('');
  }
  if (typeof params.unread === 'number')
    text += tr.t('io:unread', { count: params.unread, n: tr.count(params.unread) });
  return text;
}

/** The English text of `code` with `params`, as io's `message` fields hold it. */
export function enText(code: string, params: IssueParams = {}): string {
  return ioText(EN, code, params);
}
