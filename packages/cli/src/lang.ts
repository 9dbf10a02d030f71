/**
 * The language of a run: `--lang` (looked for in the arguments before commander parses them, so
 * that help and usage errors can be translated too), then `CHAINLENS_LANG`, then the locale.
 */
import type { Lang, Translator } from '@chainlens/core';
import { LANGS, createTranslator, resolveLang } from '@chainlens/core';

/** The value of `--lang X` / `--lang=X` in `args` (the last one wins), or undefined. */
export function langArg(args: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === '--lang') found = args[i + 1] ?? '';
    else if (a.startsWith('--lang=')) found = a.slice('--lang='.length);
  }
  return found;
}

/** The translator for a run; throws LangError for an unknown `--lang` or `CHAINLENS_LANG`. */
export function runTranslator(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Translator {
  return createTranslator(resolveLang(langArg(args), env).lang);
}

/** English, for callers (tests, library use) that give no language: core's one instance. */
export { EN } from '@chainlens/core';

export const LANG_CHOICES: readonly Lang[] = LANGS;
