/** Loading a dataset: the served index, dropped files, the worker's load. */
import { WorkerError } from '../client.js';
import { el, replace } from '../dom.js';
import { t } from '../i18n.js';
import { filesFromDrop, filesFromInput } from '../files.js';
import type { DataIndex, DataIndexEntry, DroppedFile, LoadedSummary } from '../protocol.js';
import { parseFilters } from '../graph/filters.js';
import type { ViewGraph } from '../graph/model.js';
import { chooseTemplate, setupControls, regionTree } from './controls.js';
import { selectNode } from './exploring.js';
import { knownFilterKey } from './filters.js';
import { selectTab, setStatus, showError } from './status.js';
import { app, client, layout, state, ui } from './state.js';
import { hasRegion, readHash, writeHash } from './url.js';
import { refreshView } from './view.js';
import { setupDate } from './time.js';

export async function fetchIndex(): Promise<DataIndex | null> {
  try {
    const response = await fetch('data/index.json', { cache: 'no-store' });
    if (!response.ok) return null;
    return (await response.json()) as DataIndex;
  } catch {
    return null;
  }
}

export function fillPicker(index: DataIndex | null): void {
  const options: HTMLOptionElement[] = [];
  if (!index || index.datasets.length === 0) {
    options.push(el('option', { attrs: { value: '' } }, t('viewer:load.noServed')));
  } else {
    options.push(el('option', { attrs: { value: '' } }, t('viewer:load.choose')));
    for (const d of index.datasets) {
      options.push(
        el(
          'option',
          { attrs: { value: d.id }, title: d.description ?? '' },
          d.bundled ? d.name : t('viewer:load.given', { name: d.name }),
        ),
      );
    }
  }
  replace(ui.picker, ...options);
}

export function addDroppedOption(label: string): void {
  const value = ':dropped';
  ui.picker.querySelector(`option[value="${value}"]`)?.remove();
  ui.picker.append(el('option', { attrs: { value } }, label));
  ui.picker.value = value;
}

/** The shared templates with absolute URLs (the worker resolves against its own URL). */
export function sharedTemplates(): DataIndex['templates'] {
  return (state.index?.templates ?? []).map((t) => ({
    ...t,
    url: new URL(t.url, location.href).href,
  }));
}

export async function loadEntry(entry: DataIndexEntry): Promise<void> {
  const absolute = { ...entry, url: new URL(entry.url, location.href).href };
  await load(
    () =>
      client.call({ type: 'load-url', entry: absolute, templates: sharedTemplates() }, setStatus),
    entry.name,
  );
}

export async function loadFiles(files: DroppedFile[]): Promise<void> {
  if (files.length === 0) return;
  const label =
    files.length === 1
      ? files[0]!.path
      : t('viewer:load.dropped', { name: files[0]!.path.split('/')[0], count: files.length });
  addDroppedOption(label);
  await load(
    () => client.call({ type: 'load-files', files, templates: sharedTemplates() }, setStatus),
    label,
  );
}

export async function load(run: () => Promise<LoadedSummary>, label: string): Promise<void> {
  document.body.dataset.state = 'loading';
  layout.kill();
  state.viewSeq++;
  state.summary = null;
  state.data = null;
  state.graph = null;
  state.selected = null;
  const started = performance.now();
  performance.mark('chainlens:load-start');
  try {
    const summary = await run();
    state.summary = summary;
    state.datasetLabel = label;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    setStatus(() => t('viewer:load.loaded', { name: summary.name, seconds }));
    ui.empty.hidden = true;
    setupControls(summary);
    // The view a shared link describes; what this dataset does not have is ignored.
    const hash = readHash();
    state.cluster =
      hash.region === ':none'
        ? { kind: 'no-region' }
        : hash.region && hasRegion(summary.regionTree, hash.region)
          ? { kind: 'region', path: hash.region }
          : { kind: 'all' };
    regionTree.setChosen(state.cluster);
    if (hash.template && summary.templates.some((x) => x.id === hash.template)) {
      chooseTemplate(hash.template);
    }
    state.filters = parseFilters(hash.filters ?? '', knownFilterKey);
    state.labelLevel = hash.labels ?? 2;
    app.renderer?.setLabelLevel(state.labelLevel);
    await setupDate(summary.dates, hash.at);
    await refreshView();
    // (state.graph was set by refreshView.)
    const graph = state.graph as ViewGraph | null;
    if (hash.selected && graph?.hasNode(hash.selected)) {
      app.renderer?.centerOn(hash.selected);
      await selectNode(hash.selected);
    }
    writeHash();
  } catch (e) {
    showError(e);
    if (e instanceof WorkerError && e.code === 'data') {
      replace(ui.panels.data, el('p', { class: 'error' }, e.message));
      selectTab('data');
    }
  }
}

/** The dataset picker, the open buttons and drag and drop anywhere on the page. */
export function installLoading(): void {
  ui.picker.addEventListener('change', () => {
    const entry = state.index?.datasets.find((d) => d.id === ui.picker.value);
    if (entry) {
      history.replaceState(null, '', `#dataset=${encodeURIComponent(entry.id)}`);
      void loadEntry(entry);
    }
  });
  ui.openFolder.addEventListener('click', () => ui.folderInput.click());
  ui.openFiles.addEventListener('click', () => ui.fileInput.click());
  for (const input of [ui.folderInput, ui.fileInput]) {
    input.addEventListener('change', () => {
      const files = filesFromInput(input);
      input.value = '';
      void loadFiles(files);
    });
  }

  // Drag and drop anywhere on the page.
  let dragDepth = 0;
  window.addEventListener('dragenter', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    dragDepth++;
    ui.dropOverlay.hidden = false;
  });
  window.addEventListener('dragleave', () => {
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) ui.dropOverlay.hidden = true;
  });
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    dragDepth = 0;
    ui.dropOverlay.hidden = true;
    if (!e.dataTransfer) return;
    filesFromDrop(e.dataTransfer).then(loadFiles, showError);
  });
}
