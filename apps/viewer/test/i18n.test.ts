/**
 * The viewer's language choice and translator (src/i18n.ts), without a browser: the URL's
 * `lang` wins over the browser's language, a Chinese browser gets Chinese, anything else
 * English; figure hints are empty until a glossary catalogue exists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUES } from '@chainlens/core';
import { afterEach, describe, expect, it } from 'vitest';
import { figureHint, initialLang, lang, setLang, t } from '../src/i18n.js';

afterEach(() => setLang('en'));

describe('viewer language', () => {
  it('takes ?lang= first, then the browser language', () => {
    expect(initialLang('?lang=zh-CN', 'en-US')).toBe('zh-CN');
    expect(initialLang('?lang=en', 'zh-CN')).toBe('en');
    expect(initialLang('?lang=zh', 'en-US')).toBe('zh-CN');
    expect(initialLang('', 'zh-TW')).toBe('zh-CN');
    expect(initialLang('', 'zh')).toBe('zh-CN');
    expect(initialLang('', 'en-GB')).toBe('en');
    expect(initialLang('', 'fr-FR')).toBe('en');
    expect(initialLang('', undefined)).toBe('en');
    // An unknown value in the URL falls back to the browser's language.
    expect(initialLang('?lang=xx', 'zh-CN')).toBe('zh-CN');
  });

  it('switches the translator', () => {
    expect(t('viewer:html.tab.chain')).toBe('Chain');
    setLang('zh-CN');
    expect(lang()).toBe('zh-CN');
    expect(t('viewer:html.tab.chain')).toBe('产业链');
    expect(t('viewer:summary.drawn', { count: 1234, n: '1,234' })).toBe('绘制 1,234 家企业');
    setLang('en');
    expect(t('viewer:summary.drawn', { count: 1, n: '1' })).toBe('1 company drawn');
  });

  it('gives an empty hint for a figure the glossary does not explain', () => {
    expect(figureHint('coverage')).toBe(
      (CATALOGUES.en as Record<string, Record<string, string> | undefined>)['glossary']?.[
        'coverage.what'
      ] ?? '',
    );
    expect(figureHint('no-such-figure')).toBe('');
  });

  it('has a catalogue entry for every data-i18n key of index.html', () => {
    const html = readFileSync(join(import.meta.dirname, '../index.html'), 'utf8');
    const keys = [...html.matchAll(/data-i18n(?:-[a-z]+)?="([^"]+)"/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(30);
    for (const key of keys) {
      expect(CATALOGUES.en.viewer, key).toHaveProperty([key]);
      expect(CATALOGUES['zh-CN'].viewer, key).toHaveProperty([key]);
    }
  });
});
