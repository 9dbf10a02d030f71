/**
 * The frame of a picture export: the view with a title above it, its legend beside it and the
 * data note below it (dataset, region, template, date, whether links are inferred), so that a
 * PNG or SVG stands alone in a report or a slide. One layout (`layoutFrame`: text measured and
 * wrapped once, CJK broken between characters) drawn by two back ends: a 2D canvas around the
 * graph image (PNG) and SVG elements around the drawn graph (SVG).
 */
import { xmlEscape } from '@chainlens/io';
import { LABEL_FONT } from './graph/fonts.js';

/** A legend entry: a colour swatch (node category), a line (link type) or a ring (chain mark). */
export interface FrameItem {
  kind: 'swatch' | 'line' | 'ring';
  color: string;
  /** A ring's fill. */
  fill?: string;
  dashed?: boolean;
  label: string;
  /** The count, formatted. */
  count?: string;
}

export interface FrameLegend {
  title: string;
  /** Titled groups of entries, in order (node colours, link types, chain marks). */
  groups: { title?: string; items: FrameItem[] }[];
  /** What the sizes mean. */
  note: string;
}

export interface Frame {
  title: string;
  subtitle?: string;
  legend: FrameLegend;
  /** The data note's sentences, each wrapped on its own. */
  note: string[];
}

/** The drawn graph, in the graph area's pixels (what sigma shows, viewport coordinates). */
export interface Scene {
  width: number;
  height: number;
  edges: { x1: number; y1: number; x2: number; y2: number; color: string; width: number }[];
  /** Whether edges end in an arrow (directed links, as on screen). */
  arrows: boolean;
  nodes: { x: number; y: number; r: number; color: string; ring?: string; dashed?: boolean }[];
  labels: { x: number; y: number; text: string; size: number }[];
  /** A raster layer drawn under the graph (the chain layout's lanes), as a data URL. */
  underlay?: string;
}

type Op =
  | { t: 'text'; x: number; y: number; text: string; size: number; bold?: boolean; color: string }
  | { t: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke?: string }
  | { t: 'circle'; x: number; y: number; r: number; fill: string; stroke: string; dashed?: boolean }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; color: string; width: number };

export interface FrameLayout {
  width: number;
  height: number;
  /** Where the graph area's top left corner goes. */
  graphX: number;
  graphY: number;
  ops: Op[];
}

const PAD = 16;
const LEGEND_WIDTH = 260;
const TEXT = '#1f2933';
const MUTED = '#52606d';
/** Node categories listed before "… and n more". */
export const LEGEND_MAX_ITEMS = 24;

let measurer: CanvasRenderingContext2D | null = null;
const fontOf = (size: number, bold = false) => `${bold ? '600 ' : ''}${size}px ${LABEL_FONT}`;

function measure(text: string, size: number, bold = false): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * size * 0.6;
  measurer.font = fontOf(size, bold);
  return measurer.measureText(text).width;
}

/** Lines of at most `width` pixels: words kept whole, CJK text broken between characters. */
export function wrap(text: string, width: number, size: number, bold = false): string[] {
  const tokens = text.match(
    /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+/g,
  );
  const lines: string[] = [];
  let line = '';
  for (const token of tokens ?? []) {
    if (line && measure(line + token.trimEnd(), size, bold) > width) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line += token;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** The text cut to `width` pixels with an ellipsis. */
function fit(text: string, width: number, size: number): string {
  if (measure(text, size) <= width) return text;
  let s = text;
  while (s.length > 1 && measure(`${s}…`, size) > width) s = s.slice(0, -1);
  return `${s}…`;
}

function legendOps(legend: FrameLegend, x: number, y0: number, ops: Op[]): number {
  const width = LEGEND_WIDTH - PAD;
  let y = y0;
  for (const line of wrap(legend.title, width, 13, true)) {
    ops.push({ t: 'text', x, y: y + 13, text: line, size: 13, bold: true, color: TEXT });
    y += 18;
  }
  for (const group of legend.groups) {
    if (group.items.length === 0) continue;
    y += 4;
    if (group.title) {
      ops.push({ t: 'text', x, y: y + 12, text: group.title, size: 12, bold: true, color: MUTED });
      y += 17;
    }
    for (const item of group.items) {
      const cy = y + 8;
      if (item.kind === 'swatch')
        ops.push({ t: 'rect', x, y: cy - 6, w: 12, h: 12, fill: item.color });
      else if (item.kind === 'line')
        ops.push({ t: 'line', x1: x, y1: cy, x2: x + 14, y2: cy, color: item.color, width: 3 });
      else
        ops.push({
          t: 'circle',
          x: x + 6,
          y: cy,
          r: 5,
          fill: item.fill ?? '#ffffff',
          stroke: item.color,
          dashed: item.dashed,
        });
      const countWidth = item.count ? measure(item.count, 12) + 6 : 0;
      ops.push({
        t: 'text',
        x: x + 20,
        y: cy + 4,
        text: fit(item.label, width - 20 - countWidth, 12),
        size: 12,
        color: TEXT,
      });
      if (item.count)
        ops.push({
          t: 'text',
          x: x + width - countWidth + 6,
          y: cy + 4,
          text: item.count,
          size: 12,
          color: MUTED,
        });
      y += 18;
    }
  }
  y += 6;
  for (const line of wrap(legend.note, width, 11)) {
    ops.push({ t: 'text', x, y: y + 11, text: line, size: 11, color: MUTED });
    y += 15;
  }
  return y;
}

/** Where everything goes around a graph area of `graphWidth` × `graphHeight` pixels. */
export function layoutFrame(frame: Frame, graphWidth: number, graphHeight: number): FrameLayout {
  const width = graphWidth + LEGEND_WIDTH + 2 * PAD;
  const ops: Op[] = [];
  let y = PAD;
  for (const line of wrap(frame.title, width - 2 * PAD, 20, true)) {
    ops.push({ t: 'text', x: PAD, y: y + 20, text: line, size: 20, bold: true, color: TEXT });
    y += 27;
  }
  if (frame.subtitle) {
    for (const line of wrap(frame.subtitle, width - 2 * PAD, 13)) {
      ops.push({ t: 'text', x: PAD, y: y + 13, text: line, size: 13, color: MUTED });
      y += 18;
    }
  }
  y += 8;
  const graphX = PAD;
  const graphY = y;
  ops.push({
    t: 'rect',
    x: graphX,
    y: graphY,
    w: graphWidth,
    h: graphHeight,
    fill: 'none',
    stroke: '#d5dae1',
  });
  const legendBottom = legendOps(frame.legend, graphX + graphWidth + PAD, graphY, ops);
  y = Math.max(graphY + graphHeight, legendBottom) + 10;
  for (const sentence of frame.note) {
    for (const line of wrap(sentence, width - 2 * PAD, 12)) {
      ops.push({ t: 'text', x: PAD, y: y + 12, text: line, size: 12, color: MUTED });
      y += 17;
    }
  }
  return { width, height: y + PAD, graphX, graphY, ops };
}

/** The frame drawn at `scale` around `graph` (a canvas of the graph area at the same scale). */
export function frameCanvas(
  frame: Frame,
  graph: HTMLCanvasElement,
  graphWidth: number,
  graphHeight: number,
  scale: number,
  labels: Scene['labels'] = [],
): HTMLCanvasElement {
  const layout = layoutFrame(frame, graphWidth, graphHeight);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(layout.width * scale);
  canvas.height = Math.ceil(layout.height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(
    graph,
    layout.graphX * scale,
    layout.graphY * scale,
    graphWidth * scale,
    graphHeight * scale,
  );
  ctx.scale(scale, scale);
  ctx.save();
  ctx.beginPath();
  ctx.rect(layout.graphX, layout.graphY, graphWidth, graphHeight);
  ctx.clip();
  ctx.lineJoin = 'round';
  for (const l of labels) {
    ctx.font = `500 ${l.size}px ${LABEL_FONT}`;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.lineWidth = 3;
    ctx.strokeText(l.text, layout.graphX + l.x, layout.graphY + l.y);
    ctx.fillStyle = TEXT;
    ctx.fillText(l.text, layout.graphX + l.x, layout.graphY + l.y);
  }
  ctx.restore();
  for (const op of layout.ops) {
    if (op.t === 'text') {
      ctx.font = fontOf(op.size, op.bold);
      ctx.fillStyle = op.color;
      ctx.fillText(op.text, op.x, op.y);
    } else if (op.t === 'rect') {
      if (op.fill !== 'none') {
        ctx.fillStyle = op.fill;
        ctx.fillRect(op.x, op.y, op.w, op.h);
      }
      if (op.stroke) {
        ctx.strokeStyle = op.stroke;
        ctx.lineWidth = 1;
        ctx.strokeRect(op.x + 0.5, op.y + 0.5, op.w - 1, op.h - 1);
      }
    } else if (op.t === 'circle') {
      ctx.beginPath();
      ctx.arc(op.x, op.y, op.r, 0, 2 * Math.PI);
      ctx.fillStyle = op.fill;
      ctx.fill();
      ctx.setLineDash(op.dashed ? [2, 2] : []);
      ctx.strokeStyle = op.stroke;
      ctx.lineWidth = 2;
      ctx.stroke();
      ctx.setLineDash([]);
    } else {
      ctx.beginPath();
      ctx.moveTo(op.x1, op.y1);
      ctx.lineTo(op.x2, op.y2);
      ctx.strokeStyle = op.color;
      ctx.lineWidth = op.width;
      ctx.stroke();
    }
  }
  return canvas;
}

const a = (v: string | number) => xmlEscape(String(v));
const n = (v: number) => String(Math.round(v * 100) / 100);

function opSvg(op: Op): string {
  if (op.t === 'text')
    return `<text x="${n(op.x)}" y="${n(op.y)}" font-size="${op.size}"${op.bold ? ' font-weight="600"' : ''} fill="${op.color}">${a(op.text)}</text>`;
  if (op.t === 'rect')
    return `<rect x="${n(op.x)}" y="${n(op.y)}" width="${n(op.w)}" height="${n(op.h)}" fill="${a(op.fill)}"${op.stroke ? ` stroke="${a(op.stroke)}"` : ''}/>`;
  if (op.t === 'circle')
    return `<circle cx="${n(op.x)}" cy="${n(op.y)}" r="${n(op.r)}" fill="${a(op.fill)}" stroke="${a(op.stroke)}" stroke-width="2"${op.dashed ? ' stroke-dasharray="2 2"' : ''}/>`;
  return `<line x1="${n(op.x1)}" y1="${n(op.y1)}" x2="${n(op.x2)}" y2="${n(op.y2)}" stroke="${a(op.color)}" stroke-width="${op.width}"/>`;
}

/** The frame around the drawn graph as an SVG document (text stays text: searchable, sharp). */
export function frameSvg(frame: Frame, scene: Scene): string {
  const layout = layoutFrame(frame, scene.width, scene.height);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(layout.width)}" height="${n(layout.height)}" viewBox="0 0 ${n(layout.width)} ${n(layout.height)}" font-family="${a(LABEL_FONT)}">`,
    `<title>${a(frame.title)}</title>`,
    '<defs>',
    '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#8a94a3"/></marker>',
    `<clipPath id="graph-area"><rect x="0" y="0" width="${n(scene.width)}" height="${n(scene.height)}"/></clipPath>`,
    '</defs>',
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g id="graph" transform="translate(${n(layout.graphX)},${n(layout.graphY)})" clip-path="url(#graph-area)">`,
  ];
  if (scene.underlay)
    out.push(
      `<image href="${a(scene.underlay)}" x="0" y="0" width="${n(scene.width)}" height="${n(scene.height)}"/>`,
    );
  out.push('<g id="edges" fill="none" stroke-linecap="round">');
  const marker = scene.arrows ? ' marker-end="url(#arrow)"' : '';
  for (const e of scene.edges)
    out.push(
      `<line x1="${n(e.x1)}" y1="${n(e.y1)}" x2="${n(e.x2)}" y2="${n(e.y2)}" stroke="${a(e.color)}" stroke-width="${n(e.width)}"${marker}/>`,
    );
  out.push('</g>', '<g id="nodes">');
  for (const v of scene.nodes)
    out.push(
      `<circle cx="${n(v.x)}" cy="${n(v.y)}" r="${n(Math.max(0.5, v.r))}" fill="${a(v.color)}"${v.ring ? ` stroke="${a(v.ring)}" stroke-width="${n(Math.max(1, v.r / 4))}"${v.dashed ? ' stroke-dasharray="3 2"' : ''}` : ''}/>`,
    );
  out.push(
    '</g>',
    '<g id="labels" fill="#1f2933" font-weight="500" stroke="#ffffff" stroke-opacity="0.85" stroke-width="3" stroke-linejoin="round" paint-order="stroke">',
  );
  for (const l of scene.labels)
    out.push(`<text x="${n(l.x)}" y="${n(l.y)}" font-size="${l.size}">${a(l.text)}</text>`);
  out.push('</g>', '</g>', '<g id="frame">', ...layout.ops.map(opSvg), '</g>', '</svg>', '');
  return out.join('\n');
}
