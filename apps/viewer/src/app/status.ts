/** The status line and the side panel's tabs. */
import type { Tab } from './state.js';
import { ui } from './state.js';

export function setStatus(message: string, error = false): void {
  ui.status.textContent = message;
  ui.status.classList.toggle('error', error);
  ui.status.title = message;
}

export function showError(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  setStatus(message, true);
  document.body.dataset.state = 'error';
}

export function selectTab(tab: Tab): void {
  for (const [name, panel] of Object.entries(ui.panels)) panel.hidden = name !== tab;
  for (const b of document.querySelectorAll<HTMLButtonElement>('.tabs button')) {
    b.setAttribute('aria-selected', String(b.dataset.tab === tab));
  }
}

export function installTabs(): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>('.tabs button')) {
    b.addEventListener('click', () => selectTab(b.dataset.tab as Tab));
  }
}
