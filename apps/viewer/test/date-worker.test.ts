/**
 * The worker's side of the date control (worker/time.ts) on real data: the slider's span is the
 * years of cn-listed's `listed` column (read here from the CSV with csv-parse, not through
 * Chainlens), a dataset without date columns (eto-semiconductors) gets no slider, and the firms
 * marked as entered when stepping 2017 → 2018 are exactly those listed in 2018.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { readDataset } from '@chainlens/io/node';
import { describe, expect, it } from 'vitest';
import { datasetAt, dateSpan, enteredSince } from '../src/worker/time.js';
import { ROOT } from './browser.js';

const rows = parseCsv(readFileSync(join(ROOT, 'datasets/cn-listed/companies.csv')), {
  columns: true,
}) as { id: string; listed: string }[];
const years = rows.flatMap((r) => (/^\d{4}-/.test(r.listed) ? [Number(r.listed.slice(0, 4))] : []));
const cnListed = readDataset(join(ROOT, 'datasets/cn-listed')).dataset;

describe('the date control in the worker', () => {
  it("spans the years of cn-listed's listing dates", () => {
    expect(years.length).toBeGreaterThan(4000);
    expect(dateSpan(cnListed)).toEqual({ first: Math.min(...years), last: Math.max(...years) });
  });

  it('offers no slider for a dataset without date columns', () => {
    const eto = readDataset(join(ROOT, 'datasets/eto-semiconductors')).dataset;
    expect(dateSpan(eto)).toBeNull();
    expect(datasetAt(eto, 2000).companies.ids).toEqual(eto.companies.ids);
  });

  it('marks as entered in 2018 the firms listed in 2018, 宁德时代 among them', () => {
    const now = datasetAt(cnListed, 2018);
    const entered = enteredSince(cnListed, now, 2017).sort();
    const listed2018 = rows
      .filter((r) => r.listed.startsWith('2018-'))
      .map((r) => r.id)
      .sort();
    expect(entered).toEqual(listed2018);
    expect(entered).toContain('300750');
    expect(datasetAt(cnListed, null)).toBe(cnListed);
  });
});
