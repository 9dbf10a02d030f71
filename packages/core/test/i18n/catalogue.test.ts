/**
 * The message catalogues: both languages have the same messages with the same variables, and
 * every message the sources ask for (`t('ns:key')`) exists in both.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, NAMESPACES, createTranslator, LANGS } from '@chainlens/core';

const ROOT = join(import.meta.dirname, '../../../..');
const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (k: string) => k.replace(PLURAL, '');
const vars = (s: string) =>
  [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1] ?? '').sort();

describe('message catalogues', () => {
  for (const ns of NAMESPACES) {
    it(`${ns}: zh-CN and en have the same messages and variables`, () => {
      const en = CATALOGUES.en[ns];
      const zh = CATALOGUES['zh-CN'][ns];
      const keys = (c: Record<string, string>) => [...new Set(Object.keys(c).map(base))].sort();
      expect(keys(zh)).toEqual(keys(en));
      for (const [k, v] of Object.entries(en)) {
        const zk = k in zh ? k : `${base(k)}_other`;
        const zv = zh[zk];
        expect(zv, `${ns}:${k}`).toBeTypeOf('string');
        // A plural form may leave out {{count}}; every other variable is in both.
        const strip = (xs: string[]) => [...new Set(xs.filter((x) => x !== 'count'))];
        expect(strip(vars(zv!)), `${ns}:${k}`).toEqual(strip(vars(v)));
        expect(zv!.trim(), `${ns}:${k} is empty`).not.toBe('');
      }
    });
  }

  it('every t("ns:key") in the sources exists in both languages', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (name === 'node_modules' || name === 'dist') continue;
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) files.push(p);
      }
    };
    for (const d of [
      'packages/core/src',
      'packages/io/src',
      'packages/cli/src',
      'packages/scale/src',
      'apps/viewer/src',
    ])
      walk(join(ROOT, d));
    const missing: string[] = [];
    let used = 0;
    const nsAlt = NAMESPACES.join('|');
    const re = new RegExp(`\\bt\\(\\s*['"\`]((?:${nsAlt}):[^'"\`$]+)['"\`]`, 'g');
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(re)) {
        used++;
        const [ns, key] = [m[1]!.slice(0, m[1]!.indexOf(':')), m[1]!.slice(m[1]!.indexOf(':') + 1)];
        for (const lang of LANGS) {
          const cat = CATALOGUES[lang][ns as (typeof NAMESPACES)[number]];
          const found = key in cat || `${key}_other` in cat || `${key}_one` in cat;
          if (!found) missing.push(`${relative(ROOT, f)}: ${lang} ${m[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(used).toBeGreaterThan(0);
  });

  it('formats numbers and companies as each language writes them', () => {
    const zh = createTranslator('zh-CN');
    const en = createTranslator('en');
    expect(zh.firms(1234)).toBe('1,234 家');
    expect(en.firms(1)).toBe('1 company');
    expect(en.firms(1234)).toBe('1,234 companies');
    expect(zh.pct(0.8461)).toBe('84.6%');
    expect(zh.list(['格林美', '比亚迪'])).toBe('格林美、比亚迪');
    expect(en.list(['a', 'b'])).toBe('a, b');
    expect(zh.t('common:stage.upstream')).toBe('上游');
    expect(en.t('common:stage.upstream')).toBe('upstream');
  });
});
