/**
 * The sigma renderer and what the user does to it: hover, select, focus on a set of nodes
 * (neighbours, n steps up- or downstream, an entry of a panel), hide legend categories.
 * Everything visual about focus lives in the reducers, so the graph's own attributes stay data.
 */
import Sigma from 'sigma';
import type { EdgeAttributes, NodeAttributes, ViewGraph } from './model.js';

export const LABEL_FONT =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif';

const FADED_NODE = '#e3e6ea';
const FADED_EDGE = '#eef0f2';

export interface RendererEvents {
  click(node: string | null): void;
  hover(node: string | null, x: number, y: number): void;
}

export class GraphRenderer {
  readonly sigma: Sigma<NodeAttributes, EdgeAttributes>;
  private focus: Map<string, number> | null = null;
  private selected: string | null = null;
  private hovered: string | null = null;
  private hiddenNode: (attrs: NodeAttributes) => boolean = () => false;

  constructor(
    container: HTMLElement,
    private graph: ViewGraph,
    events: RendererEvents,
  ) {
    this.sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, container, {
      labelFont: LABEL_FONT,
      labelSize: 12,
      labelWeight: '500',
      labelColor: { color: '#1f2933' },
      labelDensity: 0.6,
      labelGridCellSize: 90,
      labelRenderedSizeThreshold: 7,
      defaultEdgeType: 'arrow',
      hideEdgesOnMove: graph.size > 30_000,
      zIndex: true,
      minCameraRatio: 0.02,
      maxCameraRatio: 8,
      nodeReducer: (node, data) => this.reduceNode(node, data),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data),
    });
    this.sigma.on('clickNode', ({ node }) => events.click(node));
    this.sigma.on('clickStage', () => events.click(null));
    this.sigma.on('enterNode', ({ node, event }) => {
      this.hovered = node;
      events.hover(node, event.x, event.y);
      this.sigma.refresh({ skipIndexation: true });
    });
    this.sigma.on('leaveNode', () => {
      this.hovered = null;
      events.hover(null, 0, 0);
      this.sigma.refresh({ skipIndexation: true });
    });
  }

  /** Swaps the graph (a new view); clears focus and selection. */
  setGraph(graph: ViewGraph): void {
    this.graph = graph;
    this.focus = null;
    this.selected = null;
    this.hovered = null;
    this.sigma.setGraph(graph);
    this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    this.sigma.setSetting('hideEdgesOnMove', graph.size > 30_000);
    this.sigma.setSetting('defaultEdgeType', graph.size > 60_000 ? 'line' : 'arrow');
  }

  /** Hides the nodes for which `predicate` holds (legend filters). */
  setHidden(predicate: (attrs: NodeAttributes) => boolean): void {
    this.hiddenNode = predicate;
    this.sigma.refresh({ skipIndexation: true });
  }

  /** Selects a node and shows only `focus` (node → steps) in colour; null clears both. */
  setFocus(selected: string | null, focus: Map<string, number> | null): void {
    this.selected = selected;
    this.focus = focus;
    this.sigma.refresh({ skipIndexation: true });
  }

  get focusSize(): number {
    return this.focus?.size ?? 0;
  }

  /** Moves the camera to a node (keeps the zoom unless it is far out). */
  centerOn(node: string): void {
    if (!this.graph.hasNode(node)) return;
    const display = this.sigma.getNodeDisplayData(node);
    if (!display) return;
    const camera = this.sigma.getCamera();
    camera.animate(
      { x: display.x, y: display.y, ratio: Math.min(camera.ratio, 0.35) },
      { duration: 400 },
    );
  }

  /** Fits the focused nodes (or everything) into the view. */
  fit(): void {
    this.sigma.getCamera().animatedReset({ duration: 300 });
  }

  zoom(factor: number): void {
    const camera = this.sigma.getCamera();
    if (factor > 1) void camera.animatedZoom({ duration: 200, factor });
    else void camera.animatedUnzoom({ duration: 200, factor: 1 / factor });
  }

  private reduceNode(
    node: string,
    data: NodeAttributes,
  ): Partial<NodeAttributes> & { highlighted?: boolean; forceLabel?: boolean } {
    const res: Partial<NodeAttributes> & { highlighted?: boolean; forceLabel?: boolean } = {
      ...data,
    };
    if (this.hiddenNode(data)) {
      res.hidden = true;
      return res;
    }
    if (this.focus) {
      if (this.focus.has(node)) {
        res.zIndex = 2;
        if (node === this.selected) {
          res.highlighted = true;
          res.forceLabel = true;
          res.zIndex = 3;
        } else if (this.focus.size <= 40) res.forceLabel = true;
      } else {
        res.color = FADED_NODE;
        res.label = '';
        res.zIndex = 0;
      }
    } else if (node === this.selected) {
      res.highlighted = true;
      res.forceLabel = true;
    }
    if (node === this.hovered) {
      res.highlighted = true;
      res.zIndex = 3;
    }
    return res;
  }

  private reduceEdge(edge: string, data: EdgeAttributes): Partial<EdgeAttributes> {
    const res: Partial<EdgeAttributes> = { ...data };
    // The graph sigma draws (a refresh may run while a graph is swapped in; during sigma's
    // constructor `this.sigma` is not assigned yet).
    const graph = (this.sigma as typeof this.sigma | undefined)?.getGraph() ?? this.graph;
    const [s, t] = graph.extremities(edge);
    if (this.focus) {
      if (!this.focus.has(s) || !this.focus.has(t)) {
        res.color = FADED_EDGE;
        res.zIndex = 0;
        if (graph.size > 5_000) res.hidden = true;
      } else {
        res.zIndex = 2;
        res.size = Math.max(1.5, data.size);
      }
    } else if (this.hovered && s !== this.hovered && t !== this.hovered && graph.size < 5_000) {
      res.zIndex = 0;
    }
    return res;
  }

  kill(): void {
    this.sigma.kill();
  }
}
