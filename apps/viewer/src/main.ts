/**
 * Chainlens viewer shell. The network view (sigma), the analysis worker and the panels come in
 * the viewer issue; this page proves the app builds and runs @chainlens/core in the browser.
 */
import { RELATION_TYPES, STAGES } from '@chainlens/core';

const app = document.querySelector<HTMLElement>('#app');
if (app) {
  const title = document.createElement('h1');
  title.textContent = 'Chainlens';
  const text = document.createElement('p');
  text.textContent = `Engine loaded: relation types ${RELATION_TYPES.join(', ')}; stages ${STAGES.join(' → ')}.`;
  app.append(title, text);
}
