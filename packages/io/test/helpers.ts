/** Test helpers: an in-memory dataset folder. */
import type { FileReader } from '../src/dataset.js';

export type Files = Record<string, string | Uint8Array | object>;

/** A reader over in-memory files; objects are written as JSON, strings as UTF-8. */
export function memory(files: Files): FileReader {
  const enc = new TextEncoder();
  return (path) => {
    const f = files[path];
    if (f === undefined) return undefined;
    if (f instanceof Uint8Array) return f;
    return enc.encode(typeof f === 'string' ? f : JSON.stringify(f));
  };
}

export const bytes = (text: string) => new TextEncoder().encode(text);
