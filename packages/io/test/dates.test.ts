/**
 * The optional date columns (docs/time.md): companies `founded`/`listed`/`closed`, memberships
 * and relations `from`/`to`. Bad cells and an end before the start reject the row, naming file,
 * row and column; good cells are kept as written; data without them reads as before.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue, loadDataset } from '../src/index.js';
import { memory } from './helpers.js';

const MANIFEST = {
  name: 't',
  companies: 'companies.csv',
  memberships: 'memberships.csv',
  relations: 'relations.csv',
};

function load(companies: string, memberships: string, relations: string) {
  return loadDataset(
    memory({
      'chainlens.json': MANIFEST,
      'companies.csv': companies,
      'memberships.csv': memberships,
      'relations.csv': relations,
    }),
  );
}

describe('date columns', () => {
  it('accepts full dates, compact dates, year-months and years, and keeps them as written', () => {
    const { dataset, report } = load(
      'id,name,founded,listed,closed\nA,甲,2001-03-04,20100105,\nB,乙,1998,,2016-07\nC,丙,,,\n',
      'company,segment,share,from,to\nA,x,1,2005,2012-12-31\nB,y,,,\n',
      'source,target,from,to\nA,B,2010-02,2014\n',
    );
    expect(report.errors).toBe(0);
    expect(dataset.companies.attributes.founded).toEqual(['2001-03-04', '1998', '']);
    expect(dataset.companies.attributes.listed).toEqual(['20100105', '', '']);
    expect(dataset.companies.attributes.closed).toEqual(['', '2016-07', '']);
    expect(dataset.memberships.attributes.from).toEqual(['2005', '']);
    expect(dataset.relations.attributes.to).toEqual(['2014']);
  });

  it('rejects a cell that is not a date, naming file, row and column', () => {
    const { dataset, report } = load(
      'id,founded,closed\nA,2001-02-30,\nB,2001,\nC,深圳证券交易所,\nD,2001-13,\n',
      'company,segment,to\nB,x,12/31/2015\n',
      'source,target,from\nB,B2,\n',
    );
    const lines = report.issues.filter((i) => i.code === 'bad-date').map(formatIssue);
    expect(lines).toEqual([
      expect.stringMatching(/^companies\.csv:2:founded: founded '2001-02-30' is not a date/),
      expect.stringMatching(/^companies\.csv:4:founded: founded '深圳证券交易所' is not a date/),
      expect.stringMatching(/^companies\.csv:5:founded: founded '2001-13' is not a date/),
      expect.stringMatching(/^memberships\.csv:2:to: to '12\/31\/2015' is not a date/),
    ]);
    expect(dataset.companies.ids).toEqual(['B']);
  });

  it('rejects an end before the start, and reads a partial date as the period end', () => {
    const { report } = load(
      'id,founded,listed,closed\nA,2010,,2010-06-30\nB,2010-06,,2010-06-30\nC,,2012-01-01,2011\n',
      'company,segment\n',
      'source,target,from,to\nB,C,2015,2015-12-30\nB,C,2015,2015\n',
    );
    const order = report.issues.filter((i) => i.code === 'date-order');
    // A: founded 2010 = 2010-12-31 > closed 2010-06-30; B: 2010-06 = 2010-06-30, not before;
    // C: closed 2011 = 2011-12-31 < listed 2012-01-01; relation 2: 2015 → 2015 is the same day.
    expect(order.map((i) => [i.file, i.row, i.column])).toEqual([
      ['companies.csv', 2, 'closed'],
      ['companies.csv', 4, 'closed'],
      ['relations.csv', 2, 'to'],
    ]);
    expect(order[0]!.message).toBe("closed '2010-06-30' is before founded '2010'");
  });

  it('changes nothing for data without date columns', () => {
    const { dataset, report } = load(
      'id,name\nA,甲\nB,乙\n',
      'company,segment\nA,x\n',
      'source,target\nA,B\n',
    );
    expect(report.errors).toBe(0);
    expect(dataset.companies.attributes).toEqual({});
    expect(dataset.relations.attributes).toEqual({});
  });
});
