import { describe, expect, it } from 'vitest';
import { LangError, parseLang, resolveLang } from '@chainlens/core';

describe('resolveLang', () => {
  it('--lang wins over CHAINLENS_LANG and the locale', () => {
    expect(resolveLang('en', { CHAINLENS_LANG: 'zh-CN', LANG: 'zh_CN.UTF-8' })).toEqual({
      lang: 'en',
      source: 'flag',
    });
    expect(resolveLang('zh-CN', { LANG: 'en_US.UTF-8' })).toEqual({
      lang: 'zh-CN',
      source: 'flag',
    });
  });
  it('CHAINLENS_LANG wins over the locale', () => {
    expect(resolveLang(undefined, { CHAINLENS_LANG: 'en', LC_ALL: 'zh_CN.UTF-8' }).lang).toBe('en');
  });
  it('a Chinese locale gives zh-CN; LC_ALL before LANG; anything else English', () => {
    expect(resolveLang(undefined, { LANG: 'zh_CN.UTF-8' }).lang).toBe('zh-CN');
    expect(resolveLang(undefined, { LANG: 'zh_TW.UTF-8' }).lang).toBe('zh-CN');
    expect(resolveLang(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }).lang).toBe('en');
    expect(resolveLang(undefined, { LC_ALL: 'C.UTF-8' }).lang).toBe('en');
    expect(resolveLang(undefined, { LANG: 'fr_FR.UTF-8' }).lang).toBe('en');
    expect(resolveLang(undefined, {})).toEqual({ lang: 'en', source: 'default' });
  });
  it('refuses an unknown --lang or CHAINLENS_LANG naming the choices', () => {
    expect(() => resolveLang('fr', {})).toThrow(LangError);
    expect(() => resolveLang('fr', {})).toThrow(/--lang must be one of zh-CN, en \(got "fr"\)/);
    expect(() => resolveLang(undefined, { CHAINLENS_LANG: 'de' })).toThrow(/CHAINLENS_LANG/);
  });
  it('reads the usual spellings', () => {
    for (const s of ['zh', 'zh-CN', 'zh_CN', 'ZH-cn', 'zh_CN.UTF-8'])
      expect(parseLang(s)).toBe('zh-CN');
    for (const s of ['en', 'en-US', 'en_GB.UTF-8', 'C']) expect(parseLang(s)).toBe('en');
    expect(parseLang('')).toBeNull();
  });
});
