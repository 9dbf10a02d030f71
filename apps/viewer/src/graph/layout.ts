/**
 * ForceAtlas2 (Jacomy et al. 2014, PLoS ONE 9(6): e98679) in a web worker
 * (graphology-layout-forceatlas2/worker), with settings inferred from the graph's size
 * (Barnes–Hut above 2,000 nodes) and a time budget after which it stops by itself; the page's
 * Stop button stops it earlier.
 */
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import type { ViewGraph } from './model.js';

export class Layout {
  private supervisor: FA2LayoutSupervisor | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private startedAt = 0;

  constructor(private readonly onChange: (running: boolean) => void) {}

  /** Runs ForceAtlas2 on `graph` for at most `seconds` (default: by size, 4–20 s). */
  start(graph: ViewGraph, seconds?: number): void {
    this.kill();
    if (graph.order < 2) return;
    const settings = {
      ...forceAtlas2.inferSettings(graph),
      barnesHutOptimize: graph.order > 2_000,
      adjustSizes: false,
      edgeWeightInfluence: 0,
    };
    this.supervisor = new FA2LayoutSupervisor(graph, { settings, getEdgeWeight: null });
    this.supervisor.start();
    this.startedAt = performance.now();
    const budget = seconds ?? Math.min(20, 4 + graph.order / 1_000);
    this.timer = setTimeout(() => this.stop(), budget * 1_000);
    this.onChange(true);
  }

  /** Resumes a stopped layout on the same graph. */
  resume(seconds = 10): void {
    if (!this.supervisor || this.supervisor.isRunning()) return;
    this.supervisor.start();
    this.startedAt = performance.now();
    this.timer = setTimeout(() => this.stop(), seconds * 1_000);
    this.onChange(true);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.supervisor?.isRunning()) {
      this.supervisor.stop();
      this.onChange(false);
    }
  }

  /** Stops and frees the worker (before the graph is replaced). */
  kill(): void {
    this.stop();
    this.supervisor?.kill();
    this.supervisor = undefined;
  }

  get running(): boolean {
    return this.supervisor?.isRunning() ?? false;
  }

  get hasLayout(): boolean {
    return this.supervisor !== undefined;
  }

  /** Seconds since the layout last started. */
  get elapsed(): number {
    return (performance.now() - this.startedAt) / 1_000;
  }
}
