/**
 * Company labels in the chain layout: each label stays inside its node's lane (cut with an
 * ellipsis at the lane's edge, a ghost's as well), below the lane's name, and never over a label
 * already drawn in the frame (sigma draws the labels of the larger nodes first). Outside the
 * chain layout sigma's own label drawing is used.
 */
import type Sigma from 'sigma';
import { drawDiscNodeLabel } from 'sigma/rendering';
import type { NodeLabelDrawingFunction } from 'sigma/rendering';
import type { Box, LaneLayer } from './lanes.js';

/** A label drawn in the current frame (viewport pixels). */
export interface DrawnLabel extends Box {
  key: string;
  text: string;
  /** The lane (or block outside the chain) it had to stay in. */
  within: Box;
}

type LabelData = Parameters<NodeLabelDrawingFunction>[1] & { segment?: string; key?: string };

/** Fewest characters a cut label keeps; with less room, no label (zooming in gives room). */
const MIN_CHARS = 4;

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export class LaneLabels {
  /** The labels drawn in the last frame. */
  drawn: DrawnLabel[] = [];

  constructor(
    sigma: Sigma,
    private readonly lanes: LaneLayer,
  ) {
    sigma.on('beforeRender', () => {
      this.drawn = [];
    });
  }

  readonly draw: NodeLabelDrawingFunction = (ctx, data, settings) => {
    if (!this.lanes.current) {
      drawDiscNodeLabel(ctx, data, settings);
      return;
    }
    const d = data as LabelData;
    if (!d.label) return;
    const region = this.lanes.regionOf(d.segment);
    if (!region) return;
    const { box: within, top } = region;
    const size = settings.labelSize;
    ctx.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    const x = d.x + d.size + 3;
    const room = within.x + within.w - 3 - x;
    let text = d.label;
    if (ctx.measureText(text).width > room) {
      while (text.length > 0 && ctx.measureText(`${text}…`).width > room) text = text.slice(0, -1);
      // A cut label keeps at least MIN_CHARS characters (a name's first one or two say nothing).
      if ([...text].length < MIN_CHARS) return;
      text = `${text}…`;
    }
    const box: Box = { x, y: d.y - size * 0.75, w: ctx.measureText(text).width, h: size };
    if (box.y < top || box.y + box.h > within.y + within.h - 1) return;
    if (this.drawn.some((o) => overlaps(o, box))) return;
    if (this.lanes.headers().some((h) => h && overlaps(h, box))) return;
    // A light backing, so that a label over the next discs of its row stays legible.
    ctx.fillStyle = 'rgba(255, 255, 255, 0.78)';
    ctx.fillRect(box.x - 1, box.y, box.w + 2, box.h);
    ctx.fillStyle = settings.labelColor.color ?? '#000';
    ctx.fillText(text, x, d.y + size / 3);
    this.drawn.push({ ...box, key: d.key ?? '', text, within });
  };
}
