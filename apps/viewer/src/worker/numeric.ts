/**
 * Numeric company columns (revenue, size, employees…) for the viewer's range filters: a column
 * is numeric when it has a value for at least two companies and every non-empty value is a
 * finite number, unless its name says it is a code or an id (`industry_code`, 行业代码). The
 * view carries them per node (NaN for a group node or an empty cell).
 */
import type { Dataset } from '@chainlens/core';
import type { ViewData } from '../protocol.js';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
/** Ids and classification codes written in digits (industry_code, 行业代码) are not amounts. */
const CODE = /(^|[_\s-])(id|code|no)$|代码|编码|编号/i;

/** The dataset's numeric company columns, in table order. */
export function numericColumns(dataset: Dataset): string[] {
  const out: string[] = [];
  for (const [column, values] of Object.entries(dataset.companies.attributes)) {
    if (CODE.test(column)) continue;
    let filled = 0;
    let numeric = true;
    for (const v of values) {
      const s = v.trim();
      if (s === '') continue;
      if (!NUMBER.test(s)) {
        numeric = false;
        break;
      }
      filled++;
    }
    if (numeric && filled >= 2) out.push(column);
  }
  return out;
}

/** Puts the numeric columns' values on the view's nodes (`nodes.numeric`). */
export function withNumeric(
  dataset: Dataset,
  columns: readonly string[],
  data: ViewData,
): ViewData {
  const company = data.nodes.company;
  const numeric: Record<string, Float64Array> = {};
  for (const column of columns) {
    const cells = dataset.companies.attributes[column]!;
    const out = new Float64Array(company.length);
    for (let i = 0; i < company.length; i++) {
      const c = company[i]!;
      const s = c >= 0 ? cells[c]!.trim() : '';
      out[i] = s === '' ? NaN : Number(s);
    }
    numeric[column] = out;
  }
  data.nodes.numeric = numeric;
  return data;
}
