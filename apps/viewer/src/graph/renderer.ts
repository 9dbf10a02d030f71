/**
 * The sigma renderer and what the user does to it: hover, select, focus on a set of nodes
 * (neighbours, n steps up- or downstream, an entry of a panel), hide legend categories.
 * Everything visual about focus lives in the reducers, so the graph's own attributes stay data.
 */
import Graph from 'graphology';
import Sigma from 'sigma';
import {
  EdgeArrowProgram,
  EdgeLineProgram,
  NodePointProgram,
  drawDiscNodeLabel,
} from 'sigma/rendering';
import type { Settings } from 'sigma/settings';
import { LABEL_FONT } from './fonts.js';
import { LANE_LAYER, LaneLayer } from './lanes.js';
import { LaneLabels } from './lane-labels.js';
import type { ChainLayout } from './chain-layout.js';
import { CHAIN_COLORS } from './chain.js';
import type { EdgeAttributes, NodeAttributes, ViewGraph } from './model.js';
import { NodeRingProgram } from './node-program.js';

export { LABEL_FONT };

/**
 * Edge programs: arrows while the graph is small enough to read directions; one-pixel GL lines
 * (2 vertices an edge instead of 9) above {@link LINE_EDGES_ABOVE} edges. Nodes are discs with an
 * optional ring (node-program.ts: weak links, ghost nodes), or GL points above
 * {@link POINT_NODES_ABOVE} nodes (no rings then).
 */
export const LINE_EDGES_ABOVE = 30_000;
export const POINT_NODES_ABOVE = 15_000;
type ViewSettings = Settings<NodeAttributes, EdgeAttributes>;

/**
 * The programs a graph needs, and only those: sigma compiles every registered program when it
 * starts (and a program whose class changes), which costs seconds under software WebGL.
 */
function programs(graph: ViewGraph): Partial<ViewSettings> {
  const edge = graph.size > LINE_EDGES_ABOVE ? 'line' : 'arrow';
  const node = graph.order > POINT_NODES_ABOVE ? 'point' : 'circle';
  return {
    defaultEdgeType: edge,
    defaultNodeType: node,
    edgeProgramClasses: {
      [edge]: edge === 'line' ? EdgeLineProgram : EdgeArrowProgram,
    } as unknown as ViewSettings['edgeProgramClasses'],
    nodeProgramClasses: {
      [node]: node === 'point' ? NodePointProgram : NodeRingProgram,
    } as unknown as ViewSettings['nodeProgramClasses'],
  };
}

/** Label density of the force layout, and of the chain layout (labels placed by lane-labels.ts). */
const LABELS_FORCE = { labelDensity: 0.6, labelGridCellSize: 90, labelRenderedSizeThreshold: 6 };
const LABELS_LANES = { labelDensity: 1, labelGridCellSize: 50, labelRenderedSizeThreshold: 2 };
/** Below this many links a hover fades what is not next to the hovered node. */
export const HOVER_FADE_BELOW = 5_000;
const HOVER_EDGE = '#2f6fd0';

/** Label density steps (0 none … 4 all that fit); 2 is sigma's setting the page starts with. */
export const LABEL_LEVELS = [
  { render: false, density: 0.6, cell: 90, threshold: 6 },
  { render: true, density: 0.25, cell: 140, threshold: 10 },
  { render: true, density: 0.6, cell: 90, threshold: 6 },
  { render: true, density: 2, cell: 60, threshold: 3 },
  { render: true, density: 100, cell: 20, threshold: 0 },
] as const;

export const FADED_NODE = '#e3e6ea';
const FADED_EDGE = '#eef0f2';
const FADED_RING = '#cfd5dc';

/** What-if marks: the company removed, and the companies its failure cuts off. */
export type Mark = 'removed' | 'cut-off';

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
  /** Whether any legend category is hidden (else the node reducer skips its check). */
  private filtering = false;
  private marks = new Map<string, Mark>();
  /** The hovered node and its neighbours (hover highlighting). */
  private hoverSet: Set<string> | null = null;
  /** Links hidden by the link filter (null: none is). */
  private edgeFilter: ((attrs: EdgeAttributes) => boolean) | null = null;
  /** The chain layout's lanes, drawn under the edges. */
  readonly lanes: LaneLayer;
  /** Company labels kept inside their lanes, without overlaps (chain layout). */
  readonly labels: LaneLabels;

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
      ...LABELS_FORCE,
      ...programs(graph),
      hideEdgesOnMove: graph.size > 30_000,
      zIndex: true,
      minCameraRatio: 0.02,
      maxCameraRatio: 8,
      // Sigma may draw before the lane layer exists (its constructor renders): its own labels then.
      defaultDrawNodeLabel: (ctx, data, settings) => {
        const plain = settings as unknown as Parameters<typeof drawDiscNodeLabel>[2];
        if ((this.labels as LaneLabels | undefined) === undefined) {
          drawDiscNodeLabel(ctx, data, plain);
        } else this.labels.draw(ctx, data, plain);
      },
      nodeReducer: (node, data) => this.reduceNode(node, data),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data),
    });
    this.lanes = new LaneLayer(this.sigma as unknown as Sigma);
    this.labels = new LaneLabels(this.sigma as unknown as Sigma, this.lanes);
    // Layers that stay empty (no edge labels; lanes only with a chain layout) still cost the
    // compositor a copy each frame without a GPU: out of the page until used.
    this.sigma.getCanvases().edgeLabels?.style.setProperty('display', 'none');
    this.showLanes(false);
    this.sigma.on('clickNode', ({ node }) => events.click(node));
    // Sigma picks the node under the pointer from its last drawn frame: while the layout moves
    // the nodes (or a redraw is pending after a load) a click on a node can land on empty stage
    // there. The node drawn under the pointer now, if any, is the one clicked.
    this.sigma.on('clickStage', ({ event }) => events.click(this.nodeAt(event.x, event.y)));
    this.sigma.on('enterNode', ({ node, event }) => {
      this.hover(node);
      events.hover(node, event.x, event.y);
    });
    this.sigma.on('leaveNode', () => {
      this.hover(null);
      events.hover(null, 0, 0);
    });
  }

  /**
   * Highlights a node and its neighbours (null: none), and redraws. Small graphs (under
   * {@link HOVER_FADE_BELOW} links) also fade everything else; on larger ones only the node,
   * its neighbours and its links are reprocessed (sigma reprocesses every node and edge on a
   * full refresh: about a second at 20k / 100k in software WebGL), so hovering stays fast.
   */
  hover(node: string | null): void {
    const graph = this.sigma.getGraph();
    const before = this.hovered;
    if (node === before || (node !== null && !graph.hasNode(node))) return;
    const touched = [before, node].filter((n): n is string => n !== null && graph.hasNode(n));
    this.hovered = node;
    this.hoverSet = node ? new Set([node, ...graph.neighbors(node)]) : null;
    // The redraw waits for the next frame: a pointer crossing many nodes draws once a frame.
    if (graph.size < HOVER_FADE_BELOW) {
      this.sigma.refresh({ skipIndexation: true, schedule: true });
      return;
    }
    const nodes = new Set<string>();
    const edges = new Set<string>();
    for (const n of touched) {
      nodes.add(n);
      for (const m of graph.neighbors(n)) nodes.add(m);
      for (const e of graph.edges(n)) edges.add(e);
    }
    this.sigma.refresh({
      partialGraph: { nodes: [...nodes], edges: [...edges] },
      skipIndexation: true,
      schedule: true,
    });
  }

  /** The hovered node and its neighbours (empty when none is hovered). */
  hoveredNodes(): string[] {
    return [...(this.hoverSet ?? [])];
  }

  /** Hides the links for which `keep` is false (the link filter; null: none), at the next refresh. */
  setEdgeFilter(keep: ((attrs: EdgeAttributes) => boolean) | null): void {
    this.edgeFilter = keep;
  }

  /** How many labels to draw: 0 none … 4 every label that fits (LABEL_LEVELS). */
  setLabelLevel(level: number): void {
    const l = LABEL_LEVELS[Math.max(0, Math.min(LABEL_LEVELS.length - 1, Math.round(level)))]!;
    this.sigma.setSettings({
      renderLabels: l.render,
      labelDensity: l.density,
      labelGridCellSize: l.cell,
      labelRenderedSizeThreshold: l.threshold,
    });
  }

  /**
   * The shown node whose disc (3 px of slack) holds the viewport point, nearest first, from the
   * nodes' current display data; null when none. O(nodes), at a click only.
   */
  nodeAt(x: number, y: number): string | null {
    // In framed-graph units (what display data holds): one conversion for the pointer and the
    // pixel scale, then plain arithmetic per node (about a millisecond for 20,000 nodes).
    const origin = this.sigma.viewportToFramedGraph({ x, y });
    const unit = this.sigma.viewportToFramedGraph({ x: x + 1, y });
    const perPixel = Math.hypot(unit.x - origin.x, unit.y - origin.y) || 1;
    // Sigma may ask while it builds (mouse events before the first render): no node then.
    const graph = this.sigma.getGraph();
    let best: string | null = null;
    let bestDistance = Infinity;
    graph.forEachNode((node) => {
      const d = this.sigma.getNodeDisplayData(node);
      if (!d || d.hidden) return;
      const distance = Math.hypot(d.x - origin.x, d.y - origin.y) / perPixel;
      if (distance <= this.sigma.scaleSize(d.size) + 3 && distance < bestDistance) {
        best = node;
        bestDistance = distance;
      }
    });
    return best;
  }

  /** The lanes layer in the page only while a chain layout is shown. */
  private showLanes(on: boolean): void {
    this.sigma.getCanvases()[LANE_LAYER]?.style.setProperty('display', on ? '' : 'none');
  }

  /** Swaps the graph (a new view); clears focus and selection. */
  setGraph(graph: ViewGraph): void {
    this.graph = graph;
    this.focus = null;
    this.selected = null;
    this.hovered = null;
    this.hoverSet = null;
    this.marks.clear();
    this.lanes.set(null);
    this.showLanes(false);
    this.sigma.setCustomBBox(null);
    // Settings first, on an empty graph: each change refreshes, and a refresh of a large
    // graph costs about a second in software WebGL.
    // The chain layout's node scaling goes with its lanes (setChainLayout): back to sigma's.
    const wanted = {
      ...programs(graph),
      hideEdgesOnMove: graph.size > 30_000,
      zoomToSizeRatioFunction: Math.sqrt,
      ...LABELS_FORCE,
    };
    const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).some(
      (k) =>
        k !== 'edgeProgramClasses' &&
        k !== 'nodeProgramClasses' &&
        this.sigma.getSetting(k) !== wanted[k],
    );
    if (changed) {
      this.sigma.setGraph(new Graph<NodeAttributes, EdgeAttributes>({ type: 'directed' }));
      this.sigma.setSettings(wanted);
    }
    this.sigma.setGraph(graph);
    this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  }

  /** Hides the nodes for which `predicate` holds (legend filters); `active` false: none is. */
  setHidden(predicate: (attrs: NodeAttributes) => boolean, active: boolean): void {
    this.hiddenNode = predicate;
    this.filtering = active;
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

  /** The focused node keys (empty when nothing is focused). */
  focusedNodes(): string[] {
    return [...(this.focus?.keys() ?? [])];
  }

  /** Marks companies removed / cut off by a what-if (an empty map clears them). */
  setMarks(marks: Map<string, Mark>): void {
    this.marks = marks;
    this.sigma.refresh({ skipIndexation: true });
  }

  /**
   * Shows the chain layout's lanes (null: none) and frames the camera on them: the lanes and
   * their labels stay inside the view. Call after the node positions changed.
   */
  setChainLayout(layout: ChainLayout | null): void {
    // In lanes, nodes keep their size relative to their cells at every zoom.
    this.sigma.setSetting('zoomToSizeRatioFunction', layout ? (r: number) => r : Math.sqrt);
    // In lanes, labels are kept apart and inside their lanes (lane-labels.ts): more may show.
    this.sigma.setSettings(layout ? LABELS_LANES : LABELS_FORCE);
    this.sigma.setCustomBBox(layout ? layout.bbox : null);
    this.sigma.refresh();
    this.lanes.set(layout);
    this.showLanes(!!layout);
    this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  }

  /** Pixels of one graph unit when the whole graph is in view (camera ratio 1). */
  unitPixels(): number {
    const cameraState = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
    const a = this.sigma.graphToViewport({ x: 0, y: 0 }, { cameraState });
    const b = this.sigma.graphToViewport({ x: 1, y: 0 }, { cameraState });
    return Math.hypot(b.x - a.x, b.y - a.y);
  }

  /** Moves the camera so that these nodes fill most of the view. */
  fitNodes(nodes: string[]): void {
    const points = nodes
      .map((n) => (this.graph.hasNode(n) ? this.sigma.getNodeDisplayData(n) : undefined))
      .filter((d): d is NonNullable<typeof d> => !!d);
    if (points.length === 0) return;
    if (points.length === 1) {
      this.centerOn(nodes.find((n) => this.graph.hasNode(n))!);
      return;
    }
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const { width, height } = this.sigma.getDimensions();
    // Framed-graph units: the longer side of the viewport spans 1 at ratio 1.
    const aspect = Math.max(width, height) / Math.min(width, height);
    const span = Math.max(x1 - x0, (y1 - y0) * (width >= height ? aspect : 1));
    const ratio = Math.max(0.04, Math.min(1, span * 1.35));
    void this.sigma
      .getCamera()
      .animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio }, { duration: 400 });
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
    // Nothing selected, hovered, marked or filtered: the data as it is (no copy for 20k nodes).
    if (!this.focus && !this.selected && !this.hovered && !this.filtering && !this.marks.size) {
      return data;
    }
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
        res.forceLabel = false;
        if (data.ring) res.ringColor = FADED_RING;
      }
    } else if (node === this.selected) {
      res.highlighted = true;
      res.forceLabel = true;
    }
    const mark = this.marks.get(node);
    if (mark) {
      res.color = mark === 'removed' ? CHAIN_COLORS.removed : CHAIN_COLORS.cutOff;
      res.ring = 1;
      res.ringColor = mark === 'removed' ? CHAIN_COLORS.cutOff : CHAIN_COLORS.removed;
      res.label = data.label;
      res.forceLabel = true;
      res.zIndex = 3;
    }
    if (this.hoverSet && !this.focus) {
      if (this.hoverSet.has(node)) {
        res.zIndex = Math.max(res.zIndex ?? 0, 2);
        if (this.hoverSet.size <= 40) res.forceLabel = true;
      } else if (this.sigma.getGraph().size < HOVER_FADE_BELOW && !mark) {
        res.color = FADED_NODE;
        res.label = '';
        res.forceLabel = false;
        res.zIndex = 0;
        if (data.ring) res.ringColor = FADED_RING;
      }
    }
    if (node === this.hovered) {
      res.highlighted = true;
      res.zIndex = 3;
    }
    return res;
  }

  private reduceEdge(edge: string, data: EdgeAttributes): Partial<EdgeAttributes> {
    if (this.edgeFilter && !this.edgeFilter(data)) return { ...data, hidden: true };
    if (!this.focus && !this.hovered) return data;
    if (data.hidden && !this.focus) return data;
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
        // Links hidden in the chain layout (outside the chain) show between focused nodes.
        res.hidden = false;
      }
    } else if (this.hovered && (s === this.hovered || t === this.hovered)) {
      res.color = HOVER_EDGE;
      res.size = Math.max(1.5, data.size);
      res.zIndex = 2;
    } else if (this.hovered && graph.size < HOVER_FADE_BELOW) {
      res.color = FADED_EDGE;
      res.zIndex = 0;
    }
    return res;
  }

  kill(): void {
    this.lanes.kill();
    this.sigma.kill();
  }
}
