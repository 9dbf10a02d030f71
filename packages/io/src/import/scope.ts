/**
 * Segments of a chain template from a registry firm's 经营范围 (business scope) and 国标行业
 * (GB/T 4754 industry), for `chainlens import --template`. Pure.
 *
 * The scope text is cut into clauses (；。 and ，, or one clause per "销售：A、B、C" list) and
 * each clause into items (、 及 和 与 /); negated or conditional remarks in brackets
 * ("（不含印染）", "（依法须经批准的项目…）") are removed first. A clause *makes* when it names
 * a making verb (生产, 制造, 加工, 织造, 印染 …), *trades* when it only names 销售, 批发, 零售,
 * 进出口 …, and *serves* when it only names 技术咨询, 设计, 仓储 …. An item names a segment
 * when one of the segment's `includes` patterns matches it whole (the verbs stripped) or one of
 * its `scope` keywords occurs in it; of two keywords where one lies inside the other in the same
 * item ("家用纺织品" and "纺织品"), the longer wins; the template's umbrella words (`scopeGeneric`:
 * 化学纤维, 纺织品 …) count only when nothing more specific places the firm.
 *
 * Only clauses that make (or name no verb at all) place a firm in a segment: a trading firm whose
 * scope lists the goods it sells ("轻纺原料、面料、辅料批发、零售") holds no manufacturing
 * segment; what it names is kept as `traded` evidence. The industry column places the firm only
 * when its scope places it nowhere, and never when the industry is a trade (批发, 零售, 贸易,
 * 代理). Memberships found this way carry no revenue share (unknown).
 */
import type { ChainTemplate } from '@chainlens/core';
import { matchesInclude } from '@chainlens/core';

/** Verbs of making: a clause with one of them places the firm in the segments it names. */
const MAKE =
  /生产|制造|加工|织造|纺纱|印染|染整|染色|印花|缝制|组装|装配|研制|冶炼|提炼|提纯|开采|采选|种植|回收|综合利用|拆解|再生|复合|涂层|定型/;
/** Verbs of trading. */
const TRADE = /销售|批发|零售|经销|代销|代理|贸易|进出口|进口|出口|购销|经营|采购|供应链/;
/** Verbs of services. */
const SERVICE =
  /咨询|技术服务|技术开发|技术转让|技术推广|技术交流|设计|检测|检验|测试|租赁|仓储|物流|运输|培训|展览|会展|维修|安装|信息|中介|研发/;
/**
 * Words stripped from an item before the `includes` patterns are matched against it: the verbs
 * that say nothing of the product (not 印染, 回收 …, which name the segment's own work).
 */
const STRIP = new RegExp(
  `生产|制造|加工|研制|组装|装配|${TRADE.source}|${SERVICE.source}|等$`,
  'g',
);
/** Industries of trade (GB/T 4754 division 51/52 names and the like). */
const TRADE_INDUSTRY = /批发|零售|贸易|代理|经纪|商务服务/;
/** A bracketed remark that negates or conditions (kept out of matching). */
const REMARK =
  /[（(][^（）()]*(?:除|不含|不得|不包括|须经|许可|凭|经相关部门|分支机构)[^（）()]*[）)]/g;

export type ScopeActivity = 'make' | 'trade' | 'service' | 'none';

/** One segment a firm is placed in, with the words that placed it. */
export interface ScopeMatch {
  segment: string;
  /** 'scope': from 经营范围; 'industry': from the industry column (the scope placed it nowhere). */
  source: 'scope' | 'industry';
  words: string[];
}

export interface ScopeResult {
  matches: ScopeMatch[];
  /** Segment words named only in clauses that trade or serve (not placing the firm). */
  traded: string[];
}

interface Unit {
  text: string;
  activity: ScopeActivity;
}

function activityOf(text: string): ScopeActivity {
  if (MAKE.test(text)) return 'make';
  if (TRADE.test(text)) return 'trade';
  if (SERVICE.test(text)) return 'service';
  return 'none';
}

/** The clauses of a scope text, each with its activity. */
export function scopeClauses(scope: string): Unit[] {
  const text = scope
    .replace(REMARK, '')
    .replace(/[（）()]/g, '')
    .replace(/(一般项目|许可项目|经营范围)[：:]/g, '');
  const units: Unit[] = [];
  for (const major of text.split(/[；;。\n]+/)) {
    const t = major.trim();
    if (t === '') continue;
    const head = /^([^：:]{1,20})[：:](.*)$/.exec(t);
    if (head && activityOf(head[1]!) !== 'none') {
      units.push({ text: head[2]!, activity: activityOf(head[1]!) });
      continue;
    }
    for (const minor of t.split(/[，,]+/)) {
      if (minor.trim() !== '') units.push({ text: minor, activity: activityOf(minor) });
    }
  }
  return units;
}

/** Segment → words named in `item`: `includes` on the item without its verbs, `scope` keywords in it. */
function itemSegments(template: ChainTemplate, item: string, into: Map<string, Set<string>>): void {
  let cache = itemCache.get(template);
  if (!cache) itemCache.set(template, (cache = new Map()));
  let found = cache.get(item);
  if (!found) cache.set(item, (found = itemHits(template, item)));
  for (const [segment, word] of found) {
    const words = into.get(segment) ?? new Set<string>();
    words.add(word);
    into.set(segment, words);
  }
}

/** Per template, item → its [segment, word] hits: exports repeat the same items (面料, 服装 …). */
const itemCache = new WeakMap<ChainTemplate, Map<string, [string, string][]>>();

function itemHits(template: ChainTemplate, item: string): [string, string][] {
  const text = item.replace(/[：:，,。\s]/g, '');
  const bare = text.replace(STRIP, '');
  if (bare === '') return [];
  const hits: { segment: string; word: string; at: number; end: number }[] = [];
  for (const s of template.segments) {
    if (s.includes.some((p) => matchesInclude(p, bare)))
      hits.push({ segment: s.id, word: bare, at: 0, end: text.length });
    for (const k of s.scope ?? []) {
      for (let at = text.indexOf(k); at >= 0; at = text.indexOf(k, at + 1))
        hits.push({ segment: s.id, word: k, at, end: at + k.length });
    }
  }
  return hits
    .filter(
      (h) =>
        !hits.some(
          (o) =>
            o.segment !== h.segment &&
            o.at <= h.at &&
            o.end >= h.end &&
            o.end - o.at > h.end - h.at,
        ),
    )
    .map((h) => [h.segment, h.word]);
}

/**
 * The matches, each segment's words without those inside a longer one ("涤纶" in "涤纶长丝");
 * the template's generic words (`scopeGeneric`) left out when any other word places the firm.
 */
function asMatches(
  template: ChainTemplate,
  found: Map<string, Set<string>>,
  source: ScopeMatch['source'],
): ScopeMatch[] {
  const generic = new Set(template.scopeGeneric ?? []);
  const specific = [...found.values()].some((set) => [...set].some((w) => !generic.has(w)));
  const out: ScopeMatch[] = [];
  for (const [segment, set] of found) {
    const all = [...set].filter((w) => !specific || !generic.has(w));
    const words = all.filter((w) => !all.some((o) => o !== w && o.includes(w)));
    if (words.length > 0) out.push({ segment, source, words });
  }
  return out;
}

/** The segments of `template` that a firm's business scope (or, failing it, industry) names. */
export function scopeSegments(
  template: ChainTemplate,
  scope: string,
  industry: string,
): ScopeResult {
  const made = new Map<string, Set<string>>();
  const other = new Map<string, Set<string>>();
  for (const unit of scopeClauses(scope)) {
    const into = unit.activity === 'make' || unit.activity === 'none' ? made : other;
    for (const item of unit.text.split(/[、/／及和与]+/)) itemSegments(template, item, into);
  }
  const traded = [...new Set([...other.values()].flatMap((w) => [...w]))];
  if (made.size > 0) return { matches: asMatches(template, made, 'scope'), traded };
  const filed = new Map<string, Set<string>>();
  const name = industry.trim();
  if (name !== '' && !TRADE_INDUSTRY.test(name)) itemSegments(template, name, filed);
  return { matches: asMatches(template, filed, 'industry'), traded };
}

/** A row of memberships.csv written by `chainlens import --template`. */
export interface PlacedMembership {
  company: string;
  /** `template-id:segment-id` (core's `itemInSegment` reads it). */
  segment: string;
  /** The segment's name, for the reader of the file. */
  segmentName: string;
  /** 'business-scope' (from 经营范围) or 'registry-industry' (from 国标行业). */
  kind: 'business-scope' | 'registry-industry';
  /** The matched words, joined by 、. */
  evidence: string;
}

/** An imported firm that no template segment holds, and why. */
export interface UnplacedFirm {
  row: number;
  id: string;
  name: string;
  industry: string;
  /** 'trade-only': it names segment goods only in clauses that sell or serve. */
  reason: 'trade-only' | 'no-match';
  /** The segment words of those clauses. */
  words: string[];
}

/** One firm placed in the segments of every template; `traded` as in `scopeSegments`. */
export function placeFirm(
  templates: readonly ChainTemplate[],
  company: string,
  scope: string,
  industry: string,
): { memberships: PlacedMembership[]; traded: string[] } {
  const memberships: PlacedMembership[] = [];
  const traded = new Set<string>();
  for (const t of templates) {
    const r = scopeSegments(t, scope, industry);
    for (const w of r.traded) traded.add(w);
    for (const m of r.matches) {
      memberships.push({
        company,
        segment: `${t.id}:${m.segment}`,
        segmentName: t.segments.find((s) => s.id === m.segment)!.name,
        kind: m.source === 'scope' ? 'business-scope' : 'registry-industry',
        evidence: m.words.join('、'),
      });
    }
  }
  return { memberships, traded: [...traded] };
}
