/**
 * The languages Chainlens writes in, and how a command picks one: `--lang` first, then the
 * `CHAINLENS_LANG` environment variable, then the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`):
 * Chinese when it starts with `zh`, English otherwise. Core reads no environment itself; the
 * caller passes it in.
 */
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

/** `zh`, `zh-CN`, `zh_CN.UTF-8`, `ZH-cn` → `zh-CN`; `en`, `en_US.UTF-8`, `C` → `en`; else null. */
export function parseLang(value: string | undefined | null): Lang | null {
  if (value == null) return null;
  const v = value.trim().toLowerCase();
  if (v === '') return null;
  if (/^zh([-_.@]|$)/.test(v)) return 'zh-CN';
  if (/^en([-_.@]|$)/.test(v) || v === 'c' || v === 'posix' || v.startsWith('c.')) return 'en';
  return null;
}

/** Where a language came from, for messages. */
export type LangSource = 'flag' | 'CHAINLENS_LANG' | 'locale' | 'default';

export class LangError extends Error {
  constructor(
    readonly value: string,
    readonly source: LangSource,
  ) {
    super(
      `${source === 'flag' ? '--lang' : source} must be one of ${LANGS.join(', ')} (got ${JSON.stringify(value)})`,
    );
    this.name = 'LangError';
  }
}

/**
 * The language to write in. An unknown `--lang` or `CHAINLENS_LANG` is an error (a typo must not
 * silently give English); an unknown locale (`LANG=fr_FR.UTF-8`) gives English.
 */
export function resolveLang(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>> = {},
): { lang: Lang; source: LangSource } {
  if (flag !== undefined) {
    const lang = parseLang(flag);
    if (!lang) throw new LangError(flag, 'flag');
    return { lang, source: 'flag' };
  }
  const own = env['CHAINLENS_LANG'];
  if (own !== undefined && own.trim() !== '') {
    const lang = parseLang(own);
    if (!lang) throw new LangError(own, 'CHAINLENS_LANG');
    return { lang, source: 'CHAINLENS_LANG' };
  }
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v !== undefined && v.trim() !== '') {
      return { lang: parseLang(v) === 'zh-CN' ? 'zh-CN' : 'en', source: 'locale' };
    }
  }
  return { lang: DEFAULT_LANG, source: 'default' };
}
