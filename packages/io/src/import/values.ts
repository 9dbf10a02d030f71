/**
 * Registered capital and dates as registry exports write them: "5000万人民币", "1.2亿元人民币",
 * "300万元", "200万美元", "-"; "2015-03-02", "2015/3/2", "2015年3月2日", "20150302".
 */

/** Currencies by the words exports use; an amount without one is in 人民币 (CNY). */
const CURRENCIES: [RegExp, string][] = [
  [/美元|美金|USD/i, 'USD'],
  [/港元|港币|HKD/i, 'HKD'],
  [/欧元|EUR/i, 'EUR'],
  [/日元|JPY/i, 'JPY'],
  [/英镑|GBP/i, 'GBP'],
  [/新台币|台币|TWD/i, 'TWD'],
  // Last: 元 alone is 人民币 (美元, 港元 and 欧元 end in 元 too).
  [/人民币|^元$|^元人民币$|CNY|RMB/i, 'CNY'],
];

export type Capital =
  { kind: 'none' } | { kind: 'amount'; wan: number; currency: string } | { kind: 'bad' };

/** A capital text as an amount in 万 of its currency; 'none' for "-", "", "--", "0". */
export function parseCapital(text: string): Capital {
  const t = text.replace(/[\s,，]/g, '');
  if (t === '' || /^[-—–]+$/.test(t) || t === '未公开' || t === '0') return { kind: 'none' };
  const m = /^(\d+(?:\.\d+)?)(亿|万)?(.*)$/.exec(t);
  if (!m) return { kind: 'bad' };
  const n = Number(m[1]);
  const rest = m[3]!;
  let currency = 'CNY';
  if (rest !== '' && rest !== '元') {
    const found = CURRENCIES.find(([re]) => re.test(rest));
    if (!found) return { kind: 'bad' };
    currency = found[1];
  }
  const wan = m[2] === '亿' ? n * 10000 : m[2] === '万' ? n : n / 10000;
  return { kind: 'amount', wan: Math.round(wan * 1e6) / 1e6, currency };
}

/** A date as yyyy-mm-dd; '' for an empty cell or "-"; undefined when it is not a real date. */
export function parseDate(text: string): string | undefined {
  const t = text.trim();
  if (t === '' || /^[-—–]+$/.test(t)) return '';
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 参保人数 as a count; '' when empty or "-"; undefined when it is not a whole number. */
export function parseCount(text: string): string | undefined {
  const t = text.replace(/[\s,，人]/g, '');
  if (t === '' || /^[-—–]+$/.test(t)) return '';
  return /^\d+$/.test(t) ? String(Number(t)) : undefined;
}
