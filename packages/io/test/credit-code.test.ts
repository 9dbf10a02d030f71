import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  checkCreditCode,
  creditCodeCheck,
} from '../src/import/credit-code.js';

/** A valid code from a 17-character body: the body plus its check character. */
const valid = (body: string) => body + creditCodeCheck(body)!;

describe('unified social credit code (GB 32100-2015)', () => {
  it('has the 31-character alphabet without I, O, Z, S, V', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    for (const c of 'IOZSV') expect(CREDIT_CODE_ALPHABET).not.toContain(c);
  });

  it('computes the check character by hand for one body', () => {
    // 9 1 3 3 0 6 2 1 M A 2 8 8 U 6 7 4 ... weighted sum mod 31, worked out digit by digit.
    const body = '91330621MA288U674';
    const values = [...body].map((c) => CREDIT_CODE_ALPHABET.indexOf(c));
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const sum = values.reduce((s, v, i) => s + v * weights[i]!, 0);
    expect(creditCodeCheck(body)).toBe(CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]);
    // weights are 3^i mod 31
    weights.forEach((w, i) => expect(w).toBe(3 ** i % 31));
  });

  it('accepts public codes of real companies', () => {
    // Tencent (Shenzhen) and Huawei, as printed on their business licences.
    for (const code of ['9144030071526726XG', '914403001922038216']) {
      expect(checkCreditCode(code)).toEqual({ ok: true, code, normalised: false });
    }
  });

  it('rejects a wrong check character, naming the expected one', () => {
    const code = valid('91330621MA288U674');
    const other = CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.indexOf(code[17]!) + 1) % 31]!;
    expect(checkCreditCode(code.slice(0, 17) + other)).toMatchObject({
      ok: false,
      reason: 'check',
      detail: code[17],
    });
  });

  it('rejects wrong lengths and characters outside the alphabet', () => {
    expect(checkCreditCode('91330621MA288U67')).toMatchObject({ reason: 'length', detail: '16' });
    expect(checkCreditCode('')).toMatchObject({ reason: 'empty' });
    expect(checkCreditCode('91330621MA288I6741')).toMatchObject({
      reason: 'character',
      detail: 'I',
    });
  });

  it('normalises lower case and full-width characters, saying so', () => {
    const code = valid('91330621MA288U674');
    const wide = code.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(checkCreditCode(code.toLowerCase())).toEqual({ ok: true, code, normalised: true });
    expect(checkCreditCode(` ${wide} `)).toEqual({ ok: true, code, normalised: true });
  });
});
