/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the
 * standard's 31-character alphabet (0-9 and A-Y without I, O, Z, S, V); the 18th is a check
 * character computed from the first 17 with weights 3^i mod 31, modulo 31.
 */

/** The standard's alphabet; a character's value is its index. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17 (GB 32100-2015, 5.3). */
export const CREDIT_CODE_WEIGHTS = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
] as const;

/** The check character of the first 17 characters, or undefined when one is outside the alphabet. */
export function creditCodeCheck(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (v < 0) return undefined;
    sum += v * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

export type CreditCodeResult =
  | { ok: true; code: string; normalised: boolean }
  | {
      ok: false;
      code: string;
      reason: 'empty' | 'length' | 'character' | 'check';
      /** length: the length found; character: the character; check: the expected check character. */
      detail: string;
    };

/**
 * Normalises (trims, drops inner spaces, full-width to half-width, upper case) and checks a
 * credit code. `normalised` says that the text had to be changed (a warning for the caller).
 */
export function checkCreditCode(raw: string): CreditCodeResult {
  const trimmed = raw.trim();
  const code = trimmed
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
  const normalised = code !== trimmed;
  if (code === '') return { ok: false, code, reason: 'empty', detail: '' };
  if (code.length !== 18) return { ok: false, code, reason: 'length', detail: String(code.length) };
  for (const ch of code) {
    if (!CREDIT_CODE_ALPHABET.includes(ch))
      return { ok: false, code, reason: 'character', detail: ch };
  }
  const check = creditCodeCheck(code.slice(0, 17))!;
  if (code[17] !== check) return { ok: false, code, reason: 'check', detail: check };
  return { ok: true, code, normalised };
}
