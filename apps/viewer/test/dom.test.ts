/**
 * Issue 14 part 5 in the viewer: text with bidi controls enters the page isolated (FSI … PDI),
 * so a right-to-left override in a company name cannot reorder the text after it.
 */
import { describe, expect, it } from 'vitest';
import { isolateBidi } from '../src/dom.js';

describe('isolateBidi', () => {
  it('wraps text holding an override, embedding or isolate control in FSI … PDI', () => {
    for (const c of [
      '\u202e',
      '\u202d',
      '\u202a',
      '\u202b',
      '\u202c',
      '\u2066',
      '\u2067',
      '\u2068',
    ])
      expect(isolateBidi(`丙${c}科技fdp.exe`)).toBe(`\u2068丙${c}科技fdp.exe\u2069`);
  });
  it('leaves other text alone, Arabic and Hebrew included', () => {
    for (const t of ['宁德时代', 'CATL 300750', 'شركة', 'חברה', '', 'A'.repeat(10_000)])
      expect(isolateBidi(t)).toBe(t);
  });
});
