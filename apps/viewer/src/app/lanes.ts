/**
 * The chain lanes' controls: how lanes are grouped (lane-groups.ts; a collapsed group's lane
 * expands when its name is clicked), how many arcs are drawn (arc-thinning.ts), and the full
 * name of a lane on hover (its header may be wrapped and cut).
 */
import { count, el, must, replace } from '../dom.js';
import type { ArcLimit, Thinned } from '../graph/arc-thinning.js';
import { arcBudget, thinArcs } from '../graph/arc-thinning.js';
import type { LaneGrouping } from '../graph/lane-groups.js';
import type { ViewGraph } from '../graph/model.js';
import { t } from '../i18n.js';
import { app, state, ui } from './state.js';

/** The lane choices of the page (reset with each template). */
export const laneView = {
  grouping: 'auto' as LaneGrouping,
  /** Heads of the groups drawn segment by segment although collapsed by `grouping`. */
  expanded: new Set<string>(),
  arcLimit: 'auto' as ArcLimit,
  /** The template the expanded groups belong to. */
  template: '',
  thinned: null as Thinned | null,
};

const controls = must('#lane-controls');
const groupingSelect = must<HTMLSelectElement>('#lane-grouping');
const arcSelect = must<HTMLSelectElement>('#arc-limit');
const arcNote = must('#arc-note');

/** Forgets the expanded groups when the template changes. */
export function laneTemplate(template: string): void {
  if (laneView.template === template) return;
  laneView.template = template;
  laneView.expanded.clear();
}

/** Thins the arcs of the chain layout (after the chain style) and says how many are drawn. */
export function thinChainArcs(graph: ViewGraph): void {
  laneView.thinned = thinArcs(graph, arcBudget(graph, laneView.arcLimit));
  showArcNote();
}

export function showArcNote(): void {
  const inLanes = state.chainLayout !== null;
  controls.hidden = !inLanes;
  const th = laneView.thinned;
  if (!inLanes || !th) {
    replace(arcNote);
    return;
  }
  replace(
    arcNote,
    th.shown < th.total
      ? t('viewer:lanes.arcNote', { shown: count(th.shown), total: count(th.total) })
      : t('viewer:lanes.arcNoteAll', { total: count(th.total) }),
  );
  arcNote.dataset.shown = String(th.shown);
  arcNote.dataset.total = String(th.total);
}

/**
 * The lane controls' events; `relayout` redraws the chain layout, `restyle` the arcs. Hovering
 * a lane's name shows it whole (with a group's segments); clicking a group's name expands it.
 */
export function installLaneControls(relayout: () => void, restyle: () => void): void {
  groupingSelect.addEventListener('change', () => {
    laneView.grouping = groupingSelect.value as LaneGrouping;
    laneView.expanded.clear();
    relayout();
  });
  arcSelect.addEventListener('change', () => {
    const v = arcSelect.value;
    laneView.arcLimit = v === 'auto' || v === 'all' ? v : Number(v);
    restyle();
  });
  ui.graph.addEventListener('mousemove', (e) => {
    const lanes = app.renderer?.lanes;
    if (!lanes?.current) return;
    const box = ui.graph.getBoundingClientRect();
    const hit = lanes.headerAt(e.clientX - box.left, e.clientY - box.top);
    ui.graph.style.cursor = hit?.lane.group ? 'pointer' : '';
    if (!hit) {
      if (ui.tooltip.dataset.lane) {
        ui.tooltip.hidden = true;
        delete ui.tooltip.dataset.lane;
      }
      return;
    }
    const { lane, header } = hit;
    const names = new Map(state.chain?.report.segments.map((s) => [s.id, s.name]));
    replace(
      ui.tooltip,
      el('strong', null, header.full),
      lane.group
        ? el(
            'div',
            { class: 'muted' },
            t('viewer:lanes.groupTip', {
              count: lane.segments.length,
              n: count(lane.segments.length),
              segments: lane.segments.map((s) => names.get(s) ?? s).join(' · '),
            }),
          )
        : null,
      lane.group ? el('div', null, t('viewer:lanes.expandHint')) : null,
    );
    ui.tooltip.dataset.lane = lane.segment;
    ui.tooltip.hidden = false;
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    ui.tooltip.style.left = `${Math.min(x + 14, box.width - 290)}px`;
    ui.tooltip.style.top = `${Math.min(y + 14, box.height - 80)}px`;
  });
  ui.graph.addEventListener('mouseleave', () => {
    if (!ui.tooltip.dataset.lane) return;
    ui.tooltip.hidden = true;
    delete ui.tooltip.dataset.lane;
  });
  ui.graph.addEventListener('click', (e) => {
    const lanes = app.renderer?.lanes;
    if (!lanes?.current) return;
    const box = ui.graph.getBoundingClientRect();
    const hit = lanes.headerAt(e.clientX - box.left, e.clientY - box.top);
    if (!hit?.lane.group) return;
    laneView.expanded.add(hit.lane.segment);
    ui.tooltip.hidden = true;
    relayout();
  });
}
