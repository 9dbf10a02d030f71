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

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Draws a {@link ChainLayout} under a sigma instance's graph, following the camera. */
export class LaneLayer {
  private layout: ChainLayout | null = null;
  /** Segments a what-if leaves without a local company (outlined in red). */
  private emptied = new Set<string>();
  /** The canvas holds nothing (reset since the last lanes). */
  private blank = false;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly draw = () => this.render();

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
    layout.lanes.forEach((lane, i) => {
      const b = boxes[i]!;
      const missing = lane.companies === 0;
      ctx.fillStyle = missing ? 'rgba(194, 49, 47, 0.05)' : STAGE_TINT[lane.stage];
      roundRect(ctx, b, 5);
      ctx.fill();
      ctx.setLineDash(missing ? [5, 4] : []);
      ctx.strokeStyle = missing ? '#c98a89' : lane.status === 'weak' ? '#e3b77d' : '#d3dae3';
      ctx.lineWidth = 1;
      ctx.stroke();
      ctx.setLineDash([]);
      if (b.w < 30 || b.h < 12) return;
      const emptied = this.emptied.has(lane.segment);
      if (emptied) {
        ctx.setLineDash([4, 3]);
        ctx.strokeStyle = '#c2312f';
        ctx.lineWidth = 2;
        roundRect(ctx, b, 5);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.textBaseline = 'top';
      // The name first: the font shrinks (down to 9 px) before the name is cut; the count
      // shows when there is room left.
      const room = b.w - 10;
      let size = Math.max(9, Math.min(12, b.h / 3));
      ctx.font = font(size, 600);
      while (size > 9 && ctx.measureText(lane.name).width > room) {
        size -= 0.5;
        ctx.font = font(size, 600);
      }
      const name = fit(ctx, lane.name, room);
      const countText = missing ? '' : emptied ? `${lane.companies} → 0` : String(lane.companies);
      const nameWidth = ctx.measureText(name).width;
      const countWidth = ctx.measureText(countText).width;
      ctx.fillStyle = missing || emptied ? '#9e3a38' : '#33404d';
      ctx.fillText(name, b.x + 5, b.y + 4);
      if (countText && nameWidth + countWidth + 16 <= b.w) {
        ctx.fillStyle = emptied ? '#c2312f' : '#8a96a3';
        ctx.fillText(countText, b.x + b.w - countWidth - 5, b.y + 4);
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

/** The text, cut with an ellipsis to fit `width` pixels. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > width) t = t.slice(0, -1);
  return t.length > 1 ? `${t}…` : '';
}
