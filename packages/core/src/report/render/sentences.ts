/**
 * Sentences of a report's findings, in the translator's language: `weakLinkText` (one weak
 * link) and `targetText` (why a company is a 补链招商 target). The analyses return facts (ids,
 * codes, numbers; report.json); these functions are the only place they become sentences, so
 * report.md, report.html, the terminal summary, the viewer and the workbook say the same thing.
 */
import type { Translator } from '../../i18n/translator.js';
import type { ReportTarget, ReportWeakLink } from '../types.js';
import type { ReportIndex } from './model.js';
import { companyName, segmentName } from './model.js';
import { EN, andList, sharePct, unit } from './words.js';

const fmt = (x: number, digits = 2) => x.toFixed(digits);

/** One weak link in a sentence with its numbers (the report's names for ids). */
export function weakLinkText(w: ReportWeakLink, index: ReportIndex, tr: Translator = EN): string {
  const seg = segmentName(index, w.segment);
  const co = (id: string | undefined) => companyName(index, id ?? '?');
  switch (w.kind) {
    case 'single-source':
      return tr.t('report:weak.single-source', { segment: seg, company: co(w.company) });
    case 'concentrated':
      return tr.t('report:weak.concentrated', {
        segment: seg,
        hhi: fmt(w.hhi ?? NaN),
        companies: w.companies ?? 0,
        effective: fmt(w.effective ?? NaN, 1),
      });
    case 'cut-point': {
      const parts = w.parts ?? [];
      const segs = (w.segments ?? []).map((s) => segmentName(index, s));
      return tr.t('report:weak.cut-point', {
        company: co(w.company),
        holding: segs.length > 0 ? tr.t('report:weak.holding', { segments: tr.list(segs) }) : '',
        total: parts.reduce((a, b) => a + b, 0) + 1,
        parts: andList(
          tr,
          parts.map((n) => tr.t('report:weak.part', { n })),
          'report:join.parts',
        ),
        separated: unit(tr, 'company', w.separated ?? 0),
        edges: unit(tr, 'relation', w.edges ?? 0),
        inferred: w.inferredEdges ?? 0,
      });
    }
    case 'bridge':
      return tr.t('report:weak.bridge', {
        source: co(w.source),
        target: co(w.target),
        sourceSide: unit(tr, 'localCompany', w.sourceSide ?? w.parts?.[0] ?? 0),
        targetSide: w.targetSide ?? w.parts?.[1] ?? 0,
        inferred: (w.inferredEdges ?? 0) > 0 ? tr.t('report:weak.bridgeInferred') : '',
      });
    case 'external-only':
      return tr.t('report:weak.external-only', {
        segment: seg,
        companies: unit(tr, 'localCompany', w.companies ?? 0),
        buyers: unit(tr, 'localBuyer', Number(w.buyers ?? 0)),
        suppliers: unit(tr, 'company', Number(w.externalSuppliers ?? 0)),
        edges: unit(tr, 'relation', w.edges ?? 0),
        inferred: w.inferredEdges ?? 0,
      });
    default:
      return tr.t(`report:kind.${String(w.kind)}`);
  }
}

/** Two figures that read differently: 2 decimals, or 3 when 2 would look equal. */
function fromTo(a: number, b: number): [string, string] {
  return fmt(a) !== fmt(b) ? [fmt(a), fmt(b)] : [fmt(a, 3), fmt(b, 3)];
}

/** The place a report's cluster is in (`浙江`), or "the cluster" for a cluster that is no region. */
export function clusterPlace(index: ReportIndex, tr: Translator = EN): string {
  const id = index.report.cluster.id;
  return id.startsWith('region:') ? id.slice('region:'.length) : tr.t('report:target.here');
}

/**
 * Why a company is a target, in one forwardable sentence: what it makes and where it is, the
 * segment's state in the cluster, who needs it, its existing ties and the completeness gain.
 */
export function targetText(t: ReportTarget, index: ReportIndex, tr: Translator = EN): string {
  const k = t.components;
  const segment = index.segments.get(t.segment);
  const status = t.status ?? segment?.status ?? 'weak';
  const here = clusterPlace(index, tr);
  const r = Number(index.report.parameters.redundancy ?? 2);
  const shareOf = (x: number | null | undefined) =>
    x == null
      ? tr.t('report:share.revenueUnknown')
      : tr.t('report:share.revenue', { pct: sharePct(x) });
  const segs = t.segments ?? [t.segment];
  const shares = t.shares ?? [];
  const others = segs.flatMap((s, i) =>
    s === t.segment || shares[i] === undefined
      ? []
      : [
          tr.t('report:target.alsoItem', {
            segment: segmentName(index, s),
            pct: sharePct(shares[i]),
          }),
        ],
  );
  let state: string;
  if (status === 'missing-upstream' || status === 'missing-downstream' || status === 'absent') {
    state = tr.t(`report:target.status.${status}`);
  } else {
    const reasons = Array.isArray(segment?.reasons) ? (segment.reasons as string[]) : [];
    const why: string[] = [];
    if (reasons.includes('single-source')) why.push(tr.t('report:target.why.single'));
    if (reasons.includes('concentrated')) {
      why.push(
        tr.t('report:target.why.concentrated', {
          hhi: fmt(segment?.hhi ?? NaN),
          companies: segment?.companies ?? 0,
        }),
      );
    }
    if (reasons.includes('external-only')) why.push(tr.t('report:target.why.external'));
    state = tr.t('report:target.status.weak', { why: why.join(tr.t('report:target.why.join')) });
  }
  const need = k.need ?? 0;
  const firms = unit(tr, 'localFirm', need);
  const needText =
    status === 'missing-downstream'
      ? tr.t('report:target.need.buyer', { firms })
      : need > 0
        ? tr.t('report:target.need', { count: need, firms })
        : tr.t('report:target.need.none');
  const links = k.links ?? 0;
  const types = Object.entries(t.linksByType ?? {})
    .filter(([, n]) => n > 0)
    .map(([type, n]) =>
      tr.t('report:target.tieItem', { n, type: tr.t(`report:relation.${type}`) }),
    );
  const tie =
    links === 0
      ? tr.t('report:target.tie.none', { here })
      : tr.t('report:target.tie', {
          links: unit(tr, 'link', links),
          here,
          types: types.join(tr.t('report:join.comma')),
        });
  const before = k.before ?? NaN;
  const after = k.after ?? NaN;
  const [from, to] = fromTo(before, after);
  const gain =
    (k.gain ?? 0) > 0
      ? tr.t('report:target.gain', { from, to })
      : tr.t('report:target.gain.none', { at: fmt(before), r });
  return tr.t('report:target.sentence', {
    name: t.name || t.company,
    where:
      t.location === 'maybe-local'
        ? tr.t('report:target.whereUnknown')
        : tr.t('report:target.where', { region: t.region }),
    segment: tr.t('report:target.segment', {
      segment: segmentName(index, t.segment),
      share: shareOf(t.share),
    }),
    also: others.length > 0 ? tr.t('report:target.also', { list: andList(tr, others) }) : '',
    here,
    status: state,
    need: needText,
    tie,
    gain,
  });
}
