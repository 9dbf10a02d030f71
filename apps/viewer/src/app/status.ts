/** The status line and the side panel's tabs. */
import type { Tab } from './state.js';
import { ui } from './state.js';

let lastStatus: { text: () => string; error: boolean } | null = null;

/**
 * Shows a message in the status line. A function is kept and asked again when the language
 * changes; a string (a worker's progress, an error) stays as it came.
 */
export function setStatus(message: string | (() => string), error = false): void {
  const text = typeof message === 'string' ? () => message : message;
  lastStatus = { text, error };
  showStatus(text(), error);
}

/** The status line again, in the current language. */
export function relabelStatus(): void {
  if (lastStatus) showStatus(lastStatus.text(), lastStatus.error);
}

function showStatus(message: string, error: boolean): void {
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
