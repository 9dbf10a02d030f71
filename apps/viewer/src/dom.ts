/**
 * DOM helpers. Every piece of data (company names, regions, file names, messages) enters the
 * page as a text node: nothing here, or anywhere in the viewer, assigns HTML strings. Text with
 * bidi controls is isolated (`isolateBidi`); style.css isolates and wraps name elements.
 */

type Child = Node | string | number | null | undefined | false;

export interface ElementOptions {
  class?: string;
  title?: string;
  /** Attributes set with setAttribute (values are text). */
  attrs?: Record<string, string>;
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>;
}

/** Creates an element with text or element children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (options?.class) e.className = options.class;
  if (options?.title) e.title = options.title;
  if (options?.attrs) for (const [k, v] of Object.entries(options.attrs)) e.setAttribute(k, v);
  if (options?.on) {
    for (const [type, handler] of Object.entries(options.on)) {
      if (handler) e.addEventListener(type, handler);
    }
  }
  append(e, ...children);
  return e;
}

/** Bidi embedding, override and isolate controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI). */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;

/**
 * Text that holds a bidi control, wrapped in FSI … PDI (U+2068 FIRST STRONG ISOLATE, U+2069 POP
 * DIRECTIONAL ISOLATE): the PDI ends every embedding or override opened inside, so a company
 * name with U+202E cannot reverse the text after it (a count, the next name). Other text is
 * returned as is. The data is not changed otherwise: the characters stay visible to a copy.
 */
export function isolateBidi(text: string): string {
  return BIDI_CONTROLS.test(text) ? `\u2068${text}\u2069` : text;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'object' ? c : document.createTextNode(isolateBidi(String(c))));
  }
}

/** Replaces the children of `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

/** `document.querySelector` that throws when the element is missing (a page bug). */
export function must<T extends Element = HTMLElement>(
  selector: string,
  root: ParentNode = document,
): T {
  const e = root.querySelector<T>(selector);
  if (!e) throw new Error(`missing element ${selector}`);
  return e;
}

/** 12,345 */
export const count = (n: number) => n.toLocaleString('en');

/** 0.123 → "12.3%"; null (a figure that cannot be computed) → "–". */
export const percent = (x: number | null, digits = 1) =>
  x !== null && Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : '–';
