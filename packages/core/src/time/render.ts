/**
 * A ChainDiff in words (text, one figure per line with both values) and as rows (CSV, xlsx), in
 * the reader's language through the `time` catalogue. Figures are shown as the report shows them:
 * completeness to two decimals, the local supply ratio as a percentage.
 */
import type { Translator } from '../i18n/translator.js';
import { STAGES } from '../graph/types.js';
import type { ChainDiff, FigureChange, SinglePoint } from './diff.js';

export interface DiffTextOptions {
  tr: Translator;
  /** Most firms listed per section [20]; JSON and CSV hold them all. */
  top?: number;
}

const MEASURES = ['coverage', 'redundancy', 'link', 'path'] as const;

function figureLabel(figure: string, tr: Translator): string {
  const [stage, measure] = figure.includes('.') ? figure.split('.') : [undefined, figure];
  if (measure === 'localSupplyRatio') return tr.t('time:figure.localSupplyRatio');
  const label = tr.t(`report:measureLabel.${measure}`);
  return stage ? tr.t('time:stageLabel', { stage: tr.t(`common:stage.${stage}`), label }) : label;
}

function figureLine(f: FigureChange, tr: Translator): string {
  const pct = f.figure === 'localSupplyRatio';
  const show = (x: number | null) => (pct ? tr.pct(x) : tr.num(x));
  let delta: string;
  if (f.before === null || f.after === null) delta = tr.t('time:delta.unknown');
  else {
    const d = f.after - f.before;
    const shown = pct ? (100 * d).toFixed(1) : d.toFixed(2);
    delta =
      Number(shown) === 0
        ? tr.t('time:delta.none')
        : pct
          ? tr.t('time:delta.points', { sign: d > 0 ? '+' : '−', value: shown.replace('-', '') })
          : `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(2)}`;
  }
  return tr.t('time:line.figure', {
    label: figureLabel(f.figure, tr),
    before: show(f.before),
    after: show(f.after),
    delta,
  });
}

function pointLine(p: SinglePoint, diff: ChainDiff, tr: Translator): string {
  const segment = diff.segments.find((s) => s.id === p.segment)?.name ?? p.segment ?? '';
  return tr.t(`time:point.${p.kind}`, { segment, company: p.name ?? p.company ?? '' });
}

/** The diff as lines of text (see the file's comment). */
export function diffLines(diff: ChainDiff, options: DiffTextOptions): string[] {
  const { tr } = options;
  const top = options.top ?? 20;
  const segName = new Map(diff.segments.map((s) => [s.id, s.name]));
  const lines: string[] = [
    tr.t('time:title', {
      chain: diff.template.name,
      region: diff.region,
      from: diff.from,
      to: diff.to,
    }),
    tr.t('time:basis'),
    '',
    tr.t('time:line.cluster', {
      before: tr.count(diff.cluster.before),
      after: tr.count(diff.cluster.after),
      entered: tr.count(diff.cluster.entered.length),
      left: tr.count(diff.cluster.left.length),
    }),
    tr.t('time:line.chain', {
      before: tr.count(diff.chain.before),
      after: tr.count(diff.chain.after),
      entered: tr.count(diff.chain.entered.length),
      left: tr.count(diff.chain.left.length),
    }),
    '',
    tr.t('time:section.completeness'),
  ];
  const byFigure = new Map(diff.completeness.map((f) => [f.figure, f]));
  for (const m of MEASURES) lines.push(`  ${figureLine(byFigure.get(m)!, tr)}`);
  lines.push(`  ${figureLine(byFigure.get('localSupplyRatio')!, tr)}`);
  for (const s of STAGES)
    for (const m of ['coverage', 'redundancy'])
      lines.push(`  ${figureLine(byFigure.get(`${s}.${m}`)!, tr)}`);

  const changed = diff.segments.filter((s) => s.change !== 'unchanged');
  lines.push('');
  if (changed.length === 0)
    lines.push(tr.t('time:section.segmentsNone', { all: diff.segments.length }));
  else {
    lines.push(tr.t('time:section.segments', { n: changed.length, all: diff.segments.length }));
    for (const s of changed)
      lines.push(
        `  ${tr.t('time:line.segment', {
          change: tr.t(`time:change.${s.change}`),
          name: s.name,
          before: s.before.companies,
          after: s.after.companies,
          statusBefore: tr.t(`report:status.${s.before.status}`),
          statusAfter: tr.t(`report:status.${s.after.status}`),
        })}`,
      );
  }

  lines.push('', tr.t('time:section.leaders'));
  const leaderName = (l: { name: string } | null) => l?.name ?? tr.t('time:leader.none');
  lines.push(
    `  ${tr.t('time:line.topLeader', {
      before: leaderName(diff.topLeader.before),
      after: leaderName(diff.topLeader.after),
    })}`,
  );
  for (const l of diff.leaders.slice(0, top)) {
    const key =
      l.change === 'entered'
        ? 'time:line.leaderEntered'
        : l.change === 'dropped'
          ? 'time:line.leaderDropped'
          : 'time:line.leader';
    lines.push(
      `  ${tr.t(key, {
        change: tr.t(`time:leader.${l.change}`),
        name: l.name,
        before: l.before ?? '',
        after: l.after ?? '',
      })}`,
    );
  }
  if (diff.leaders.length > top)
    lines.push(`  ${tr.t('time:more', { n: tr.count(diff.leaders.length - top) })}`);

  lines.push('', tr.t('time:section.targets', { from: diff.from, n: diff.targetsNowLocal.length }));
  for (const t of diff.targetsNowLocal) {
    const vars = { name: t.name, segment: segName.get(t.segment) ?? t.segment, rank: t.rank };
    lines.push(
      `  ${
        t.via === 'itself'
          ? tr.t('time:line.targetItself', { ...vars, from: diff.from })
          : tr.t('time:line.targetVia', { ...vars, from: diff.from, via: tr.list(t.via) })
      }`,
    );
  }
  lines.push('', tr.t('time:section.singlePoints', { n: diff.newSinglePoints.length }));
  for (const p of diff.newSinglePoints) lines.push(`  ${pointLine(p, diff, tr)}`);
  lines.push(tr.t('time:section.resolvedPoints', { n: diff.resolvedSinglePoints.length }));
  for (const p of diff.resolvedSinglePoints) lines.push(`  ${pointLine(p, diff, tr)}`);

  const firms = (title: string, list: ChainDiff['chain']['entered']) => {
    lines.push('', tr.t(title, { n: tr.count(list.length) }));
    for (const f of list.slice(0, top))
      lines.push(
        `  ${tr.t('time:line.firm', {
          name: f.name,
          id: f.company,
          region: f.region,
          segments: tr.list(f.segments.map((s) => segName.get(s) ?? s)),
        })}`,
      );
    if (list.length > top) lines.push(`  ${tr.t('time:more', { n: tr.count(list.length - top) })}`);
  };
  firms('time:section.entered', diff.chain.entered);
  firms('time:section.left', diff.chain.left);
  const chainIds = new Set([...diff.chain.entered, ...diff.chain.left].map((f) => f.company));
  const companies = (title: string, list: ChainDiff['cluster']['entered']) => {
    const rest = list.filter((c) => !chainIds.has(c.company));
    lines.push('', tr.t(title, { n: tr.count(list.length) }));
    for (const c of rest.slice(0, top))
      lines.push(
        `  ${tr.t('time:line.company', { name: c.name, id: c.company, region: c.region })}`,
      );
    if (rest.length > top) lines.push(`  ${tr.t('time:more', { n: tr.count(rest.length - top) })}`);
  };
  companies('time:section.clusterEntered', diff.cluster.entered);
  companies('time:section.clusterLeft', diff.cluster.left);
  return lines;
}

/** One row of the diff as a table: language-neutral keys, both values, the change. */
export interface DiffRow {
  /** date, count, completeness, segment, leader, target-now-local, single-point, chain, cluster. */
  section: string;
  /** A figure key, a segment id, a company id or a kind. */
  item: string;
  name: string;
  /** The value at each date: a figure, a count, a rank, or 1 / 0 for present / absent. */
  before: string | number | null;
  after: string | number | null;
  /** after − before for figures; filled, emptied, rose, entered, left, new, resolved… */
  change: string | number | null;
  /** Statuses, region and segments, the target's segment and how it landed. */
  detail: string;
}

export const DIFF_COLUMNS = [
  'section',
  'item',
  'name',
  'before',
  'after',
  'change',
  'detail',
] as const;

/** Every fact of the diff as rows (unrounded figures), for CSV and xlsx. */
export function diffRows(diff: ChainDiff): DiffRow[] {
  const row = (r: Partial<DiffRow> & Pick<DiffRow, 'section' | 'item'>): DiffRow => ({
    name: '',
    before: null,
    after: null,
    change: null,
    detail: '',
    ...r,
  });
  const rows: DiffRow[] = [
    row({ section: 'date', item: 'date', before: diff.from, after: diff.to }),
    row({
      section: 'count',
      item: 'cluster',
      name: diff.region,
      before: diff.cluster.before,
      after: diff.cluster.after,
      change: diff.cluster.after - diff.cluster.before,
    }),
    row({
      section: 'count',
      item: 'chain',
      name: diff.template.id,
      before: diff.chain.before,
      after: diff.chain.after,
      change: diff.chain.after - diff.chain.before,
    }),
  ];
  for (const f of diff.completeness)
    rows.push(
      row({
        section: 'completeness',
        item: f.figure,
        before: f.before,
        after: f.after,
        change: f.before === null || f.after === null ? null : f.after - f.before,
      }),
    );
  for (const s of diff.segments)
    rows.push(
      row({
        section: 'segment',
        item: s.id,
        name: s.name,
        before: s.before.companies,
        after: s.after.companies,
        change: s.change,
        detail: `${s.before.status} → ${s.after.status}`,
      }),
    );
  for (const l of diff.leaders)
    rows.push(
      row({
        section: 'leader',
        item: l.company,
        name: l.name,
        before: l.before,
        after: l.after,
        change: l.change,
      }),
    );
  for (const t of diff.targetsNowLocal)
    rows.push(
      row({
        section: 'target-now-local',
        item: t.company,
        name: t.name,
        before: t.rank,
        change: 'landed',
        detail: `${t.segment}: ${t.via === 'itself' ? 'itself' : `via ${t.via.join(' ')}`}`,
      }),
    );
  const point = (p: SinglePoint, change: 'new' | 'resolved') =>
    rows.push(
      row({
        section: 'single-point',
        item: p.kind,
        name: p.segment ?? p.company ?? '',
        before: change === 'new' ? 0 : 1,
        after: change === 'new' ? 1 : 0,
        change,
        detail: p.company === undefined ? '' : `${p.company} ${p.name ?? ''}`.trim(),
      }),
    );
  for (const p of diff.newSinglePoints) point(p, 'new');
  for (const p of diff.resolvedSinglePoints) point(p, 'resolved');
  const firm = (
    section: string,
    f: { company: string; name: string; region: string; segments?: string[] },
    change: 'entered' | 'left',
  ) =>
    rows.push(
      row({
        section,
        item: f.company,
        name: f.name,
        before: change === 'entered' ? 0 : 1,
        after: change === 'entered' ? 1 : 0,
        change,
        detail: [f.region, ...(f.segments ?? [])].join(' '),
      }),
    );
  for (const f of diff.chain.entered) firm('chain', f, 'entered');
  for (const f of diff.chain.left) firm('chain', f, 'left');
  for (const c of diff.cluster.entered) firm('cluster', c, 'entered');
  for (const c of diff.cluster.left) firm('cluster', c, 'left');
  return rows;
}
