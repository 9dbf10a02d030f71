/**
 * Node dragging (as in Gephi): press on a node, move, release; the node stays where it was
 * dropped. While a node is dragged the camera does not pan, and the graph's frame is frozen
 * (sigma's custom bounding box) so that the rest of the picture does not rescale under the
 * pointer.
 */
import type Sigma from 'sigma';
import type { EdgeAttributes, NodeAttributes } from './model.js';

export interface DragOptions {
  /** Whether dragging is allowed now (e.g. not in the chain layout, where lanes place nodes). */
  enabled(): boolean;
  /** Called once when a drag starts (the page stops ForceAtlas2). */
  started(node: string): void;
}

/**
 * Installs dragging on a renderer. The returned function says whether the click sigma reports
 * now ends a drag (a dropped node is not selected by it); it answers once.
 */
export function installDrag(
  sigma: Sigma<NodeAttributes, EdgeAttributes>,
  options: DragOptions,
): () => boolean {
  let dragged: string | null = null;
  let moved = false;
  let dropped = false;
  sigma.getMouseCaptor().on('mousedown', () => {
    dropped = false;
  });
  sigma.on('downNode', ({ node }) => {
    if (!options.enabled()) return;
    dragged = node;
    moved = false;
    if (!sigma.getCustomBBox()) sigma.setCustomBBox(sigma.getBBox());
  });
  sigma.on('moveBody', ({ event }) => {
    if (!dragged) return;
    const graph = sigma.getGraph();
    if (!graph.hasNode(dragged)) {
      dragged = null;
      return;
    }
    if (!moved) options.started(dragged);
    moved = true;
    const p = sigma.viewportToGraph(event);
    graph.mergeNodeAttributes(dragged, { x: p.x, y: p.y });
    event.preventSigmaDefault();
    event.original.preventDefault();
    event.original.stopPropagation();
  });
  const up = () => {
    if (dragged && moved) dropped = true;
    dragged = null;
  };
  sigma.on('upNode', up);
  sigma.on('upStage', up);
  sigma.getMouseCaptor().on('mouseup', up);
  return () => {
    const was = dropped;
    dropped = false;
    return was;
  };
}
