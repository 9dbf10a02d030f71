/**
 * The chain layout's background, drawn on a canvas layer under sigma's edges: stage headers,
 * one box per segment lane (named, with its company count; a missing segment's lane dashed and
 * red-tinted, a weak one amber-edged), the template's feeds as faint curves from lane to lane,
 * and the block of companies outside the chain. Text is canvas text (never HTML).
 */
import type Sigma from 'sigma';
import type { Stage } from '@chainlens/core';
import { LABEL_FONT } from './fonts.js';
import type { ChainLayout, Lane } from './chain-layout.js';
import { stageLabel } from './chain.js';
import { t } from '../i18n.js';

/** Name of the canvas layer (sigma.getCanvases() key). */
export const LANE_LAYER = 'chainLanes';
const LAYER = LANE_LAYER;

const STAGE_TINT: Record<Stage, string> = {
  upstream: 'rgba(58, 125, 201, 0.07)',
  midstream: 'rgba(232, 135, 30, 0.08)',
  downstream: 'rgba(138, 92, 194, 0.08)',
};
const STAGE_INK: Record<Stage, string> = {
  upstream: '#2f679f',
  midstream: '#a55d0f',
  downstream: '#6b4597',
};

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A lane's name as drawn in its header, in viewport pixels (text box: x, y, w, h). */
export interface LaneHeader extends Box {
  lane: number;
  /** The lane's full name (a group's: with its segment count). */
  full: string;
  lines: string[];
  size: number;
  lineHeight: number;
  /** Whether the drawn lines leave out part of the name (then hovering shows it whole). */
  cut: boolean;
  count: { text: string; x: number } | null;
}

/** Largest and smallest font of a lane's name (px). */
const NAME_MAX = 12;
const NAME_MIN = 9;

/** Draws a {@link ChainLayout} under a sigma instance's graph, following the camera. */
export class LaneLayer {
  private layout: ChainLayout | null = null;
  /** Segments a what-if leaves without a local company (outlined in red). */
  private emptied = new Set<string>();
  /** The canvas holds nothing (reset since the last lanes). */
  private blank = false;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly draw = () => this.render();
  /** Segment → index of the lane it is drawn in. */
  private laneOf = new Map<string, number>();
  private headerCache: { key: string; headers: (LaneHeader | null)[] } | null = null;

  constructor(private readonly sigma: Sigma) {
    // Under the edges (sigma's typing of createCanvasContext omits the placement it supports).
    sigma.createCanvasContext(LAYER, { beforeLayer: 'edges' } as {
      style?: Partial<CSSStyleDeclaration>;
    });
    sigma.resize(true);
    this.ctx = sigma.getCanvases()[LAYER]!.getContext('2d')!;
    sigma.on('afterRender', this.draw);
    sigma.on('resize', this.draw);
  }

  set(layout: ChainLayout | null): void {
    this.layout = layout;
    this.laneOf = new Map();
    layout?.lanes.forEach((l, i) => l.segments.forEach((s) => this.laneOf.set(s, i)));
    this.headerCache = null;
    this.emptied = new Set();
    this.render();
  }

  /** Outlines the lanes of segments a what-if empties (an empty list clears them). */
  setEmptied(segments: string[]): void {
    this.emptied = new Set(segments);
    this.render();
  }

  get current(): ChainLayout | null {
    return this.layout;
  }

  /** Lanes in viewport pixels (tests, hit checks). */
  laneBoxes(): (Lane & { box: Box })[] {
    return (this.layout?.lanes ?? []).map((l) => ({ ...l, box: this.box(l) }));
  }

  /**
   * Where a node's label must stay (viewport pixels): the box of the lane its segment is drawn
   * in (or of the block outside the chain) and, above that, the top of the room under its name.
   */
  regionOf(segment: string | undefined): { box: Box; top: number } | null {
    const layout = this.layout;
    if (!layout) return null;
    const i = segment === undefined ? undefined : this.laneOf.get(segment);
    if (i !== undefined) {
      const box = this.box(layout.lanes[i]!);
      const h = this.headers()[i];
      return { box, top: h ? h.y + h.h + 1 : box.y + 4 };
    }
    if (!layout.others) return null;
    const box = this.box(layout.others);
    return { box, top: box.y + 18 };
  }

  /** The lane whose header holds a viewport point (hover: the full name), or null. */
  headerAt(x: number, y: number): { lane: Lane; header: LaneHeader } | null {
    const layout = this.layout;
    if (!layout) return null;
    const headers = this.headers();
    for (let i = 0; i < layout.lanes.length; i++) {
      const b = this.box(layout.lanes[i]!);
      const h = headers[i];
      const bottom = h ? Math.max(h.y + h.h, b.y + 8) : b.y + 8;
      if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= bottom + 2) {
        return h ? { lane: layout.lanes[i]!, header: h } : null;
      }
    }
    return null;
  }

  /**
   * Each lane's name as drawn now (null: too small to name): the font shrinks from 12 to 9 px,
   * then the name wraps onto the lines the header has room for (Chinese at any character, other
   * text at spaces), then it is cut with an ellipsis; the count shows right of the first line
   * when there is room. Cached per camera and size.
   */
  headers(): (LaneHeader | null)[] {
    const layout = this.layout;
    if (!layout) return [];
    const { width, height } = this.sigma.getDimensions();
    const c = this.sigma.getCamera().getState();
    const key = `${width}|${height}|${c.x}|${c.y}|${c.ratio}|${c.angle}`;
    if (this.headerCache?.key === key) return this.headerCache.headers;
    const ctx = this.ctx;
    const unit = Math.abs(
      this.sigma.graphToViewport({ x: 0, y: layout.header }).y -
        this.sigma.graphToViewport({ x: 0, y: 0 }).y,
    );
    const headers = layout.lanes.map((lane, i): LaneHeader | null => {
      const b = this.box(lane);
      if (b.w < 30 || b.h < 12) return null;
      const room = b.w - 10;
      // The header strip (the lane's top LANE_HEADER units), less 3 px above the first row.
      const tall = Math.max(NAME_MIN * 1.2, Math.min(unit, b.h) - 5);
      const full = lane.group
        ? t('viewer:lanes.group', {
            name: lane.name,
            count: lane.segments.length,
            n: lane.segments.length.toLocaleString('en'),
          })
        : lane.name;
      const missing = lane.companies === 0;
      const emptied = lane.segments.some((s) => this.emptied.has(s));
      const countText = missing
        ? ''
        : emptied && !lane.group
          ? `${lane.companies} → 0`
          : lane.companies.toLocaleString('en');
      let best: { size: number; lines: string[]; cut: boolean } | null = null;
      for (let size = NAME_MAX; size >= NAME_MIN; size -= 0.5) {
        ctx.font = `600 ${size}px ${LABEL_FONT}`;
        const maxLines = Math.max(1, Math.min(3, Math.floor(tall / (size * 1.2))));
        const wrapped = wrap(ctx, full, room, maxLines);
        best = { size, ...wrapped };
        if (!wrapped.cut) break;
      }
      if (!best || best.lines.length === 0) return null;
      ctx.font = `600 ${best.size}px ${LABEL_FONT}`;
      const lineHeight = best.size * 1.2;
      const w = Math.max(...best.lines.map((l) => ctx.measureText(l).width));
      const countWidth = countText ? ctx.measureText(countText).width : 0;
      const first = ctx.measureText(best.lines[0]!).width;
      const count =
        countText && first + countWidth + 16 <= b.w
          ? { text: countText, x: b.x + b.w - countWidth - 5 }
          : null;
      return {
        lane: i,
        x: b.x + 5,
        y: b.y + 4,
        w,
        h: best.lines.length * lineHeight,
        full,
        lines: best.lines,
        size: best.size,
        lineHeight,
        cut: best.cut,
        count,
      };
    });
    this.headerCache = { key, headers };
    return headers;
  }

  private box(b: { x0: number; y0: number; x1: number; y1: number }): Box {
    const a = this.sigma.graphToViewport({ x: b.x0, y: b.y0 });
    const c = this.sigma.graphToViewport({ x: b.x1, y: b.y1 });
    return {
      x: Math.min(a.x, c.x),
      y: Math.min(a.y, c.y),
      w: Math.abs(c.x - a.x),
      h: Math.abs(c.y - a.y),
    };
  }

  render(): void {
    const { width, height } = this.sigma.getDimensions();
    const ctx = this.ctx;
    const canvas = ctx.canvas;
    const layout = this.layout;
    if (!layout) {
      // No lanes: the bitmap reset (not a clearRect: Chromium could show the picture drawn
      // before the last clear, a previous chain's lanes under a new graph) and the layer hidden.
      if (!this.blank) {
        const w = canvas.width;
        canvas.width = w;
        this.blank = true;
      }
      canvas.style.visibility = 'hidden';
      return;
    }
    this.blank = false;
    canvas.style.visibility = '';
    // CSS pixels over the backing store, whatever transform the last resize left.
    const ratio = width > 0 ? canvas.width / width : 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const boxes = layout.lanes.map((l) => this.box(l));
    const font = (size: number, weight = 500) => `${weight} ${size}px ${LABEL_FONT}`;

    // Stage headers above their columns.
    const top = Math.min(...boxes.map((b) => b.y));
    for (const s of layout.stages) {
      const a = this.sigma.graphToViewport({ x: s.x0, y: 0 });
      const b = this.sigma.graphToViewport({ x: s.x1, y: 0 });
      const w = b.x - a.x;
      if (w < 30) continue;
      ctx.fillStyle = STAGE_INK[s.stage];
      ctx.fillRect(a.x, top - 22, w, 3);
      ctx.font = font(12, 600);
      ctx.textBaseline = 'bottom';
      ctx.fillText(fit(ctx, stageLabel(s.stage), w), a.x, top - 26);
    }

    // Feeds between lanes: faint curves from the right edge of one to the left edge of the other.
    ctx.strokeStyle = 'rgba(120, 134, 150, 0.28)';
    ctx.lineWidth = 1.2;
    for (const [i, j] of layout.feeds) {
      const p = boxes[i]!;
      const q = boxes[j]!;
      const x1 = p.x + p.w;
      const y1 = p.y + Math.min(p.h / 2, 14);
      const x2 = q.x;
      const y2 = q.y + Math.min(q.h / 2, 14);
      if (x2 <= x1) continue;
      const mid = (x1 + x2) / 2;
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.bezierCurveTo(mid, y1, mid, y2, x2, y2);
      ctx.stroke();
    }

    // Lanes.
    const headers = this.headers();
    layout.lanes.forEach((lane, i) => {
      const b = boxes[i]!;
      const missing = lane.companies === 0;
      ctx.fillStyle = missing ? 'rgba(194, 49, 47, 0.05)' : STAGE_TINT[lane.stage];
      roundRect(ctx, b, 5);
      ctx.fill();
      // A collapsed group: a second outline, a stack of lanes.
      if (lane.group) {
        ctx.strokeStyle = '#c3ccd6';
        ctx.lineWidth = 1;
        roundRect(ctx, { x: b.x + 3, y: b.y + 3, w: b.w, h: b.h }, 5);
        ctx.stroke();
      }
      ctx.setLineDash(missing ? [5, 4] : []);
      ctx.strokeStyle = missing ? '#c98a89' : lane.status === 'weak' ? '#e3b77d' : '#d3dae3';
      ctx.lineWidth = 1;
      roundRect(ctx, b, 5);
      ctx.stroke();
      ctx.setLineDash([]);
      const emptied = lane.segments.some((s) => this.emptied.has(s));
      if (emptied && b.w >= 30) {
        ctx.setLineDash([4, 3]);
        ctx.strokeStyle = '#c2312f';
        ctx.lineWidth = 2;
        roundRect(ctx, b, 5);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      const h = headers[i];
      if (!h) return;
      ctx.textBaseline = 'top';
      ctx.font = font(h.size, 600);
      ctx.fillStyle = missing || emptied ? '#9e3a38' : '#33404d';
      h.lines.forEach((line, k) => ctx.fillText(line, h.x, h.y + k * h.lineHeight));
      if (h.count) {
        ctx.fillStyle = emptied ? '#c2312f' : '#8a96a3';
        ctx.fillText(h.count.text, h.count.x, h.y);
      }
    });

    // Companies outside the chain.
    if (layout.others) {
      const b = this.box(layout.others);
      ctx.fillStyle = 'rgba(120, 130, 145, 0.05)';
      roundRect(ctx, b, 5);
      ctx.fill();
      ctx.strokeStyle = '#e1e5ea';
      ctx.stroke();
      if (b.w > 60) {
        ctx.font = font(11, 600);
        ctx.textBaseline = 'top';
        ctx.fillStyle = '#7b8794';
        ctx.fillText(
          fit(
            ctx,
            t('viewer:lanes.others', { n: layout.others.count.toLocaleString('en') }),
            b.w - 10,
          ),
          b.x + 5,
          b.y + 4,
        );
      }
    }
  }

  kill(): void {
    this.sigma.off('afterRender', this.draw);
    this.sigma.off('resize', this.draw);
    this.sigma.killLayer(LAYER);
  }
}

function roundRect(ctx: CanvasRenderingContext2D, b: Box, r: number): void {
  ctx.beginPath();
  ctx.roundRect(b.x, b.y, b.w, b.h, Math.min(r, b.w / 2, b.h / 2));
}

/**
 * Break units: one CJK character (or full-width sign) with the closing signs after it (a line
 * never starts with 、 or ）), a word with the spaces after it.
 */
const UNITS =
  /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef][、，。；：！？）」』】〕》\uff09\uff0c\uff1a\uff1b]*|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+/g;

/**
 * The text on at most `maxLines` lines of `width` pixels: breaks after any CJK character or
 * full-width sign, at spaces elsewhere (a word longer than a line breaks anywhere); when it does
 * not fit, the last line ends with an ellipsis (`cut`).
 */
export function wrap(
  ctx: CanvasRenderingContext2D,
  text: string,
  width: number,
  maxLines: number,
): { lines: string[]; cut: boolean } {
  const units = text.match(UNITS) ?? [];
  const fits = (s: string) => ctx.measureText(s.trimEnd()).width <= width;
  const lines: string[] = [];
  let line = '';
  let k = 0;
  while (k < units.length) {
    const u = units[k]!;
    if (fits(line + u)) {
      line += u;
      k++;
      continue;
    }
    if (line === '') {
      // One unit wider than a line: broken by characters.
      let part = '';
      for (const ch of u) {
        if (!fits(part + ch)) break;
        part += ch;
      }
      if (part === '') return { lines: [], cut: true };
      units[k] = u.slice(part.length);
      line = part;
    }
    lines.push(line.trimEnd());
    line = '';
    if (lines.length === maxLines) break;
  }
  if (k >= units.length) {
    if (line.trim() !== '') lines.push(line.trimEnd());
    return { lines, cut: false };
  }
  let last = lines.pop()!;
  while (last.length > 0 && !fits(`${last}…`)) last = last.slice(0, -1);
  lines.push(`${last}…`);
  return { lines, cut: true };
}

/** The text, cut with an ellipsis to fit `width` pixels. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > width) t = t.slice(0, -1);
  return t.length > 1 ? `${t}…` : '';
}
