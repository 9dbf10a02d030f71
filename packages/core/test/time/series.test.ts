/**
 * The chain year by year (core time/series.ts, series-html.ts) on the dated fixture: the dates
 * one year apart, each point the figures of `chainAt` at that date, the page drawing one line per
 * figure through every date.
 */
import { describe, expect, it } from 'vitest';
import {
  EN,
  chainAt,
  chainSeries,
  renderSeriesHtml,
  seriesPoint,
  yearly,
} from '../../src/index.js';
import { MINI } from '../chain/fixture.js';
import { datedDataset } from './fixture-dated.js';

const OPTIONS = { region: '浙江', template: MINI, hhiThreshold: 0.6 };

describe('yearly', () => {
  it('steps a year at a time from the first date and ends on the last', () => {
    expect(yearly('2015', '2018')).toEqual([
      '2015-12-31',
      '2016-12-31',
      '2017-12-31',
      '2018-12-31',
    ]);
    expect(yearly('2015-06-30', '2017-03')).toEqual(['2015-06-30', '2016-06-30', '2017-03-31']);
    expect(yearly('2016-02-29', '2018-01-01')).toEqual(['2016-02-29', '2017-02-28', '2018-01-01']);
  });
});

describe('chainSeries', () => {
  it('gives at each date the figures chainAt gives there', () => {
    const data = datedDataset();
    const points = chainSeries(data, yearly('2015', '2020'), OPTIONS).map(seriesPoint);
    expect(points.map((p) => p.date)).toEqual(yearly('2015', '2020'));
    // Worked in diff.test.ts: 4 companies and 3 chain firms in 2015, 7 and 6 in 2020.
    expect([points[0]!.companies, points[0]!.chainFirms]).toEqual([4, 3]);
    expect([points[5]!.companies, points[5]!.chainFirms]).toEqual([7, 6]);
    expect([points[0]!.coverage, points[5]!.coverage]).toEqual([0.5, 0.6]);
    // 2017: C (2016-03) and H (2017) have come, B (closed 2018-06-30) is still there.
    const at2017 = chainAt(data, '2017', OPTIONS);
    expect(points[2]).toEqual(seriesPoint(at2017));
    expect(at2017.cluster.map((c) => c.company)).toEqual(['A', 'B', 'C', 'D', 'G', 'H']);
  });

  it('draws one line per figure through every date, and a row per date', () => {
    const points = chainSeries(datedDataset(), yearly('2015', '2020'), OPTIONS).map(seriesPoint);
    const html = renderSeriesHtml({ chain: MINI.name, region: '浙江', points }, EN);
    for (const key of ['coverage', 'redundancy', 'link', 'path', 'localSupplyRatio']) {
      const line = new RegExp(`data-series="${key}" points="([^"]*)"`).exec(html)!;
      expect(line[1]!.split(' ')).toHaveLength(6);
    }
    expect(html.match(/<tr><td>/g)).toHaveLength(6);
    expect(html).toMatch(/<tr><td>(<bdi>)?2018-12-31/);
  });
});
