/**
 * The chain map of report.html: the template's segments as boxes in stage bands (upstream left →
 * downstream right), the feeds as arrows, each box coloured by its status and showing its
 * company count. Drawn as inline SVG with a small layered layout:
 * - columns: within a stage band, a segment's column is set by the longest chain of feeds
 *   inside that stage still to come after it (so the segments that feed the next stage line up
 *   on the band's right edge);
 * - rows: template order, then a few barycentre sweeps (Sugiyama et al. 1981) that move each
 *   box towards the mean height of its neighbours to cut crossings.
 */
import type { Stage } from '../../graph/types.js';
import { STAGES } from '../../graph/types.js';
import type { ReportSegment, SegmentStatus } from '../types.js';
import { escapeHtml as h } from './escape.js';
import type { ReportIndex } from './model.js';
import type { Translator } from '../../i18n/translator.js';
import {
  STATUSES,
  count,
  memberText,
  pct,
  stageTitle,
  statusLabel,
  statusMeaning,
} from './model.js';
import { EN, unit } from './words.js';

/** Fill, stroke and dash of each status (colour-blind-safe Dark2 hues, light fills). */
export const STATUS_STYLE: Record<SegmentStatus, { fill: string; stroke: string; dash?: string }> =
  {
    present: { fill: '#d5efe4', stroke: '#1b9e77' },
    weak: { fill: '#fcefc7', stroke: '#c99700' },
    'missing-upstream': { fill: '#fbdccb', stroke: '#d95f02' },
    'missing-downstream': { fill: '#e3e1f3', stroke: '#7570b3' },
    absent: { fill: '#f2f2f2', stroke: '#a6a6a6', dash: '4 3' },
  };

const BOX_W = 128;
const BOX_H = 52;
const ROW_GAP = 10;
const COL_GAP = 30;
const BAND_PAD = 10;
const BAND_GAP = 12;
const HEAD = 34;
const FONT = 12;

/** Approximate advance of a character in em: CJK and full-width 1, Latin capitals 0.68, others 0.56. */
function charWidth(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x20000
  )
    return 1;
  if (ch >= 'A' && ch <= 'Z') return 0.68;
  if (ch === ' ' || ch === 'i' || ch === 'l' || ch === '.' || ch === ',') return 0.3;
  return 0.56;
}

/** Estimated width in px of `text` at `font` px. */
export function textWidth(text: string, font: number): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w * font;
}

/**
 * Breaks `text` into at most `maxLines` lines of at most `width` px at `font` px: before a
 * bracket (（ or () when both parts fit, else greedily by character (Latin words kept whole
 * when they fit); the last line ends in … when text is left over.
 */
export function wrapText(text: string, width: number, font: number, maxLines: number): string[] {
  const t = text.trim();
  if (textWidth(t, font) <= width) return [t];
  const bracket = t.search(/[（(]/);
  if (maxLines >= 2 && bracket > 0) {
    const a = t.slice(0, bracket).trim();
    const b = t.slice(bracket);
    if (textWidth(a, font) <= width && textWidth(b, font) <= width) return [a, b];
  }
  const tokens = t.match(/[A-Za-z0-9]+|\s+|./gsu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    if (textWidth(line + tok, font) <= width || line === '') {
      if (textWidth(tok, font) > width && line === '') {
        for (const ch of tok) {
          if (textWidth(line + ch, font) > width && line !== '') {
            lines.push(line);
            line = '';
          }
          line += ch;
        }
      } else line += tok;
    } else {
      lines.push(line.trimEnd());
      line = tok.trimStart();
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last.length > 0 && textWidth(last + '…', font) > width)
    last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = last + '…';
  return kept;
}

/** A placed segment box. */
export interface MapBox {
  segment: ReportSegment;
  x: number;
  y: number;
}

/** The computed layout of the chain map. */
export interface ChainMapLayout {
  width: number;
  height: number;
  boxes: Map<string, MapBox>;
  bands: Array<{ stage: Stage; x: number; width: number; segments: ReportSegment[] }>;
}

/** Lays the segments out in stage bands and columns; see the module comment. */
export function layoutChainMap(index: ReportIndex): ChainMapLayout {
  const segs = index.report.segments;
  const order = new Map(segs.map((s, i) => [s.id, i]));
  const stageOf = new Map(segs.map((s) => [s.id, s.stage]));
  const outs = new Map<string, string[]>(segs.map((s) => [s.id, []]));
  const ins = new Map<string, string[]>(segs.map((s) => [s.id, []]));
  for (const [a, b] of index.feeds) {
    outs.get(a)!.push(b);
    ins.get(b)!.push(a);
  }
  // Height: longest path of feeds within the same stage from the segment onwards (feeds form a
  // DAG; the visiting guard keeps a bad report from recursing forever).
  const height = new Map<string, number>();
  const visiting = new Set<string>();
  const heightOf = (id: string): number => {
    const known = height.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    let hgt = 0;
    for (const t of outs.get(id)!)
      if (stageOf.get(t) === stageOf.get(id)) hgt = Math.max(hgt, 1 + heightOf(t));
    visiting.delete(id);
    height.set(id, hgt);
    return hgt;
  };
  const columns: string[][] = [];
  const colX: number[] = [];
  const bands: ChainMapLayout['bands'] = [];
  let x = 0;
  for (const stage of STAGES) {
    const inStage = index.byStage[stage];
    if (inStage.length === 0) continue;
    const depth = Math.max(...inStage.map((s) => heightOf(s.id)));
    const first = columns.length;
    for (let i = 0; i <= depth; i++) {
      columns.push([]);
      colX.push(x + BAND_PAD + i * (BOX_W + COL_GAP));
    }
    for (const s of inStage) columns[first + depth - heightOf(s.id)]!.push(s.id);
    const width = (depth + 1) * BOX_W + depth * COL_GAP + 2 * BAND_PAD;
    bands.push({ stage, x, width, segments: inStage });
    x += width + BAND_GAP;
  }
  const width = Math.max(0, x - BAND_GAP);
  const tallest = Math.max(1, ...columns.map((col) => col.length));
  const pitch = BOX_H + ROW_GAP;
  const y = new Map<string, number>();
  const place = () => {
    for (const col of columns) {
      const top = HEAD + ((tallest - col.length) * pitch) / 2;
      col.forEach((id, i) => y.set(id, top + i * pitch));
    }
  };
  place();
  const mean = (ids: string[], self: string) => {
    const ys = ids.map((id) => y.get(id)!);
    return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : y.get(self)!;
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    const forward = sweep % 2 === 0;
    const seq = forward ? columns.map((_, i) => i) : columns.map((_, i) => columns.length - 1 - i);
    for (const c of seq) {
      const col = columns[c]!;
      const key = new Map(col.map((id) => [id, mean(forward ? ins.get(id)! : outs.get(id)!, id)]));
      col.sort((a, b) => key.get(a)! - key.get(b)! || order.get(a)! - order.get(b)!);
      place();
    }
  }
  const boxes = new Map<string, MapBox>();
  columns.forEach((col, c) => {
    for (const id of col) {
      const s = index.segments.get(id)!;
      boxes.set(id, { segment: s, x: colX[c] ?? 0, y: y.get(id)! });
    }
  });
  return { width, height: HEAD + tallest * pitch - ROW_GAP + 8, boxes, bands };
}

/** The legend of the statuses, as HTML. */
export function statusLegend(tr: Translator = EN): string {
  const items = STATUSES.map((s) => {
    const st = STATUS_STYLE[s];
    return `<li><span class="swatch" style="background:${st.fill};border:1.5px ${st.dash ? 'dashed' : 'solid'} ${st.stroke}"></span><b>${h(statusLabel(s, tr))}</b> ${h(statusMeaning(s, tr))}</li>`;
  });
  return `<ul class="legend" aria-label="${h(tr.t('report:html.statusLegend'))}">${items.join('')}</ul>`;
}

/**
 * The chain map as an inline `<svg>`: stage bands with their coverage, segment boxes (class
 * `seg`, `data-segment`, `data-status`) with name, company count and a tooltip listing the
 * local companies, and feeds as arrows (class `feed`), solid when both ends are present.
 */
export function chainMapSvg(index: ReportIndex, tr: Translator = EN): string {
  const layout = layoutChainMap(index);
  const k = index.report.completeness;
  const parts: string[] = [];
  const W = layout.width;
  const H = layout.height;
  parts.push(
    `<svg class="chain-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${h(tr.t('report:map.aria'))}">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b7680"/></marker>' +
      '<marker id="arrow-faint" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#b9c0c6"/></marker></defs>',
  );
  for (const band of layout.bands) {
    const f = k.byStage?.[band.stage];
    const present = band.segments.filter((s) => s.companies > 0).length;
    parts.push(
      `<g class="band" data-stage="${band.stage}"><rect x="${band.x}" y="0" width="${band.width}" height="${H}" rx="8" fill="#f6f8fa"/>` +
        `<text x="${band.x + BAND_PAD}" y="21" class="band-label">${h(stageTitle(band.stage, tr))}</text>` +
        `<text x="${band.x + band.width - BAND_PAD}" y="21" text-anchor="end" class="band-note">${h(tr.t('report:map.present', { present, all: band.segments.length }))}${f && f.coverage != null ? ` · ${pct(f.coverage, 0)}` : ''}</text></g>`,
    );
  }
  for (const [a, b] of index.feeds) {
    const from = layout.boxes.get(a);
    const to = layout.boxes.get(b);
    if (!from || !to) continue;
    const x1 = from.x + BOX_W;
    const y1 = from.y + BOX_H / 2;
    const x2 = to.x - 2;
    const y2 = to.y + BOX_H / 2;
    const dx = Math.max(24, Math.abs(x2 - x1) / 2);
    const live = from.segment.companies > 0 && to.segment.companies > 0;
    parts.push(
      `<path class="feed${live ? ' live' : ''}" data-from="${h(a)}" data-to="${h(b)}" d="M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}" fill="none" stroke="${live ? '#6b7680' : '#b9c0c6'}" stroke-width="${live ? 1.5 : 1.1}"${live ? '' : ' stroke-dasharray="4 3"'} marker-end="url(#${live ? 'arrow' : 'arrow-faint'})"/>`,
    );
  }
  for (const box of layout.boxes.values()) {
    const s = box.segment;
    const st = STATUS_STYLE[s.status] ?? STATUS_STYLE.absent;
    const lines = wrapText(s.name, BOX_W - 16, FONT, 2);
    const members = s.members ?? [];
    const tip = [
      tr.t('report:map.tip', {
        name: s.name,
        id: s.id,
        status: statusLabel(s.status, tr),
        companies: unit(tr, 'localCompany', s.companies),
      }) + (s.hhi != null ? tr.t('report:map.tipHhi', { hhi: s.hhi.toFixed(2) }) : ''),
      ...members.slice(0, 15).map((m) => `· ${memberText(m, tr)} ${m.company}`),
      ...(members.length > 15 ? [`… ${tr.t('report:more', { n: members.length - 15 })}`] : []),
    ].join('\n');
    const textY = lines.length === 1 ? box.y + 20 : box.y + 15;
    parts.push(
      `<g class="seg" data-segment="${h(s.id)}" data-status="${h(s.status)}" data-companies="${s.companies}"><title>${h(tip)}</title>` +
        `<rect x="${box.x}" y="${box.y}" width="${BOX_W}" height="${BOX_H}" rx="6" fill="${st.fill}" stroke="${st.stroke}" stroke-width="1.5"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>` +
        `<rect x="${box.x}" y="${box.y}" width="5" height="${BOX_H}" rx="2" fill="${st.stroke}"/>` +
        lines
          .map(
            (line, i) =>
              `<text x="${box.x + 11}" y="${textY + i * 14}" class="seg-name">${h(line)}</text>`,
          )
          .join('') +
        `<text x="${box.x + 11}" y="${box.y + BOX_H - 8}" class="seg-count">${s.companies > 0 ? `<tspan class="n">${count(s.companies)}</tspan> ${h(tr.t('report:map.firms', { count: s.companies }))}${s.hhi != null && s.companies > 1 ? ` · HHI ${s.hhi.toFixed(2)}` : ''}` : h(tr.t('report:map.noFirm'))}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
