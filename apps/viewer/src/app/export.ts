/** Exporting the view: PNG image, GEXF graph. */
import { download, gexfOf, pngOf } from '../export.js';
import { showError } from './status.js';
import { app, state, ui } from './state.js';

/** The PNG and GEXF buttons. */
export function installExport(): void {
  ui.exportPng.addEventListener('click', () => {
    if (!app.renderer) return;
    pngOf(app.renderer.sigma, state.chainLayout).then(
      (blob) => download(blob, `${fileStem()}.png`),
      showError,
    );
  });
  ui.exportGexf.addEventListener('click', () => {
    if (!state.graph) return;
    download(new Blob([gexfOf(state.graph)], { type: 'application/xml' }), `${fileStem()}.gexf`);
  });
}

function fileStem(): string {
  const cluster = state.data?.clusterLabel ?? 'view';
  return `chainlens-${state.summary?.name ?? 'data'}-${cluster}`.replace(/[\\/:*?"<>|\s]+/g, '_');
}
