/**
 * A seeded generator of national-scale company data in the manifest format: companies with
 * province/city/county regions, memberships in the segments of chain templates, and supply,
 * collaboration and ownership relations. Everything per company lives in typed arrays; rows
 * are produced in batches (columns of integers), never as one object per row, so 5M companies
 * and 50M relations stream to disk in a few hundred MB.
 *
 * The model (every probability is an option):
 *
 * - **Regions.** Each company sits in a leaf region (`省/市/县`, from `data/cn-regions.csv`).
 *   Cities are drawn in proportion to `cityWeight` (by default the listed companies of that
 *   city in datasets/cn-listed plus a floor, so 上海, 深圳, 北京 dominate and most prefectures
 *   are small); counties inside a city by a Zipf law over a seeded order. Sizes come out skewed.
 * - **Companies.** A size s = 1/√(1 − 0.99999·u) (Pareto, α = 2, s in [1, 316)) drives both how
 *   much a company sells (its out-degree is proportional to s) and how often it is chosen as a
 *   customer, supplier partner or parent (in proportion to s), so degrees are heavy-tailed.
 * - **Chains** (national-clusters.ts): each chain template sits in the cities where the listed
 *   companies of datasets/cn-listed put it (`chainHints`), with the segments they hold there
 *   plus some a strong cluster grows; other cities hold it thinly (one or two segments, a few
 *   firms) or not at all, and the companies of a city outside every chain belong to none
 *   (services, trade, other industries: they trade among themselves). Shares in hundredths;
 *   `unknownShare` of them empty; with probability `second` a second segment next to the first
 *   along a feed, if the city holds it (vertical integration). The largest mid- or downstream
 *   firm of each hinted (city, chain) is its 链主, grown so that its local suppliers sell to it.
 * - **Supply** (source = supplier): from one of the company's segments to a segment it feeds
 *   (probability `alongFeeds`), else to its own segment or another segment of its template;
 *   the customer is drawn among that segment's companies in the same city (`sameCity`), the same
 *   province (`sameProvince`) or the whole country, in proportion to size. Companies of final
 *   segments (no feed out) sell a third as much in the data (their customers are consumers).
 * - **Collaboration**: same segment, same city (70 %) or province, as many as size says
 *   (mean `collaborations`); **ownership**: with probability `owned` a company is tied to a
 *   company of its template (same province 70 %, drawn by size), the larger owning the
 *   smaller, weight = equity share (0.51–1.00).
 *
 * Deterministic: integer arithmetic, exact IEEE operations (+ − × ÷ √) on a mulberry32 stream,
 * no Math.random, no transcendental function; the same options give the same bytes anywhere.
 */
import { mulberry32 } from './gen.js';
import { planClusters } from './national-clusters.js';
import type { Buckets, NationalOptions, RelationBatch } from './national-model.js';
import {
  BUSINESS,
  COLLABORATION,
  ID_ALPHABET,
  NAME_CHARS,
  OWNERSHIP,
  SUFFIX,
  SUPPLY,
  TYPE_NAMES,
  check,
  firstAbove,
} from './national-model.js';

export type { ChainHints } from './national-clusters.js';
export type {
  NationalOptions,
  RegionEntry,
  RelationBatch,
  TemplateShape,
} from './national-model.js';
export { COLLABORATION, OWNERSHIP, SUPPLY, TYPE_NAMES } from './national-model.js';

/**
 * The generator: build it (draws every company), then write `companiesCsv`,
 * `membershipsCsv` and the relations (`relationBatches`, or `relationsCsv`) in any order;
 * each is deterministic on its own.
 */
export class NationalGenerator {
  readonly n: number;
  readonly options: Required<Omit<NationalOptions, 'cityWeight' | 'chainHints'>>;
  /** Leaf region of each company, its city and province (indices). */
  readonly region: Int32Array;
  readonly regionCity: Int32Array;
  readonly cityProvince: Int32Array;
  readonly regionPaths: string[];
  readonly cityNames: string[];
  /** Size of each company (≥ 1). */
  readonly size: Float64Array;
  /** Segments (global index), second = −1 when none; first share in hundredths, −1 unknown. */
  readonly seg1: Int32Array;
  readonly seg2: Int32Array;
  readonly share1: Int32Array;
  /** Global segments: ids, template index, and the segments each feeds. */
  readonly segmentIds: string[];
  readonly segmentTemplate: Int32Array;
  readonly feedsOut: Int32Array[];
  readonly feedsIn: Int32Array[];
  readonly templateSegments: Int32Array[];
  /** The pseudo-segment of companies outside every chain (no membership row). */
  readonly other: number;
  private readonly ids: string[];
  /** The 链主 and their own sizes. */
  private readonly sellSize = new Map<number, number>();
  private supplyScale = 0;

  constructor(options: NationalOptions) {
    check(options);
    this.options = {
      companies: options.companies,
      seed: options.seed,
      regions: options.regions,
      templates: options.templates,
      relationsPerCompany: options.relationsPerCompany ?? 10,
      sameCity: options.sameCity ?? 0.45,
      sameProvince: options.sameProvince ?? 0.2,
      alongFeeds: options.alongFeeds ?? 0.85,
      density: options.density ?? 1,
      spill: options.spill ?? 0.5,
      thin: options.thin ?? 0.002,
      thinCities: options.thinCities ?? 0.35,
      leader: options.leader ?? 40,
      second: options.second ?? 0.3,
      unknownShare: options.unknownShare ?? 0.15,
      owned: options.owned ?? 0.35,
      collaborations: options.collaborations ?? 0.9,
    };
    const o = this.options;
    const n = (this.n = o.companies);
    const rand = mulberry32(o.seed);

    // Regions: leaf → city → province.
    this.regionPaths = o.regions.map((r) => r.path);
    const cityIndex = new Map<string, number>();
    const provinceIndex = new Map<string, number>();
    const regionCity = new Int32Array(o.regions.length);
    const cityProvince: number[] = [];
    this.cityNames = [];
    o.regions.forEach((r, i) => {
      const parts = r.path.split('/');
      const city = parts.slice(0, 2).join('/');
      let c = cityIndex.get(city);
      if (c === undefined) {
        c = cityIndex.size;
        cityIndex.set(city, c);
        this.cityNames.push(city);
        let p = provinceIndex.get(parts[0]!);
        if (p === undefined) provinceIndex.set(parts[0]!, (p = provinceIndex.size));
        cityProvince.push(p);
      }
      regionCity[i] = c;
    });
    this.regionCity = regionCity;
    this.cityProvince = Int32Array.from(cityProvince);
    const cities = cityIndex.size;

    // Region weights: city weight × Zipf over the city's leaves (seeded order).
    const leaves: number[][] = Array.from({ length: cities }, () => []);
    o.regions.forEach((_, i) => leaves[regionCity[i]!]!.push(i));
    const regionWeight = new Float64Array(o.regions.length);
    for (let c = 0; c < cities; c++) {
      const list = leaves[c]!;
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [list[i], list[j]] = [list[j]!, list[i]!];
      }
      let h = 0;
      for (let k = 0; k < list.length; k++) h += 1 / (k + 1);
      const cw = options.cityWeight?.get(this.cityNames[c]!) ?? 1;
      for (let k = 0; k < list.length; k++) regionWeight[list[k]!] = (cw * (1 / (k + 1))) / h;
    }
    const regionCum = new Float64Array(o.regions.length);
    let acc = 0;
    for (let i = 0; i < regionCum.length; i++) regionCum[i] = acc += regionWeight[i]!;

    // Chains: which cities hold which segments (national-clusters.ts).
    const plan = planClusters(
      o.templates,
      this.cityNames,
      (c) => options.cityWeight?.get(this.cityNames[c]!) ?? 1,
      options.chainHints,
      o,
      rand,
    );
    const T = o.templates.length;
    this.segmentIds = plan.items;
    this.segmentTemplate = plan.segmentTemplate;
    this.templateSegments = plan.templateSegments;
    this.feedsOut = plan.feedsOut;
    this.feedsIn = plan.feedsIn;
    this.other = plan.other;

    // Companies: region, size, chain (or none) and segment among those the city holds.
    this.region = new Int32Array(n);
    this.size = new Float64Array(n);
    this.seg1 = new Int32Array(n).fill(plan.other);
    this.seg2 = new Int32Array(n).fill(-1);
    this.share1 = new Int32Array(n);
    const chainOf = new Int32Array(n).fill(-1);
    const present = (key: number, s: number) => {
      for (let p = plan.presentOffsets[key]!; p < plan.presentOffsets[key + 1]!; p++)
        if (plan.presentSegments[p] === s) return true;
      return false;
    };
    for (let i = 0; i < n; i++) {
      const r = firstAbove(
        regionCum,
        0,
        regionCum.length,
        rand() * regionCum[regionCum.length - 1]!,
      );
      this.region[i] = r;
      this.size[i] = 1 / Math.sqrt(1 - 0.99999 * rand());
      const city = regionCity[r]!;
      const u = rand();
      if (u >= plan.chainCum[city * T + T - 1]!) continue;
      const key = firstAbove(plan.chainCum, city * T, city * T + T, u);
      const a = plan.presentOffsets[key]!;
      const e = plan.presentOffsets[key + 1]!;
      const seg =
        plan.presentSegments[firstAbove(plan.presentCum, a, e, rand() * plan.presentCum[e - 1]!)]!;
      this.seg1[i] = seg;
      chainOf[i] = key;
      if (rand() < o.second) {
        // A second segment next to the first along a feed, if the city holds it.
        const near = [...this.feedsIn[seg]!, ...this.feedsOut[seg]!].filter((x) => present(key, x));
        if (near.length > 0) this.seg2[i] = near[Math.floor(rand() * near.length)]!;
      }
      if (rand() < o.unknownShare) this.share1[i] = -1;
      else this.share1[i] = this.seg2[i]! >= 0 ? 55 + Math.floor(rand() * 40) : 100;
    }
    // 链主: in each hinted (city, chain), among the mid- and downstream firms, the largest by
    // size × (1 + the segments the city holds that feed its own) becomes a buyer of size
    // min(2000, leader · (1 + a_t(c))): its local suppliers sell to it first. It sells as much
    // as its own size says (`sellSize`), so the relation count stays what the options say.
    const lead = new Int32Array(this.cityNames.length * T).fill(-1);
    const score = new Float64Array(lead.length);
    for (let i = 0; i < n; i++) {
      const key = chainOf[i]!;
      const seg = this.seg1[i]!;
      if (key < 0 || plan.strength[key]! === 0 || plan.stageWeight[seg]! <= 1) continue;
      let feeders = 0;
      for (const x of this.feedsIn[seg]!) if (present(key, x)) feeders++;
      const sc = this.size[i]! * (1 + feeders);
      if (sc > score[key]!) {
        score[key] = sc;
        lead[key] = i;
      }
    }
    for (let key = 0; key < lead.length; key++) {
      const i = lead[key]!;
      if (i < 0) continue;
      this.sellSize.set(i, this.size[i]!);
      this.size[i] = Math.max(this.size[i]!, Math.min(2000, o.leader * (1 + plan.strength[key]!)));
    }
    let sellWeight = 0;
    for (let i = 0; i < n; i++) sellWeight += this.sold(i) * this.sellFactor(this.seg1[i]!);
    // Supply out-degree = size × scale (+ a uniform fraction), so that the mean is what is left
    // of `relationsPerCompany` after collaboration and ownership.
    const supplyMean = Math.max(0, o.relationsPerCompany - o.collaborations - o.owned);
    this.supplyScale = (supplyMean * n) / sellWeight;

    const base = Math.floor(rand() * 819_628_286_980_801);
    this.ids = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      // i ↦ i·P + base mod 31^10 is one-to-one (P is prime to 31) and exact (i·P < 2^53).
      let x = (i * 87_654_319 + base) % 819_628_286_980_801;
      let tail = '';
      for (let k = 0; k < 10; k++) {
        tail = ID_ALPHABET[x % 31]! + tail;
        x = Math.floor(x / 31);
      }
      this.ids[i] = `91${o.regions[this.region[i]!]!.code.padEnd(6, '0')}${tail}`;
    }
  }

  /** The size company i sells by: its own, also for a 链主 (whose `size` says how much it buys). */
  private sold(i: number): number {
    return this.sellSize.get(i) ?? this.size[i]!;
  }

  /** Companies of final segments (no feed out) sell a third as much in the data. */
  private sellFactor(seg: number): number {
    return seg === this.other || this.feedsOut[seg]!.length > 0 ? 1 : 1 / 3;
  }

  /** The id of company i (18 characters, like a unified social credit code). */
  id(i: number): string {
    return this.ids[i]!;
  }

  /** companies.csv in chunks of about `chunkSize` characters. */
  *companiesCsv(chunkSize = 1 << 20): Generator<string> {
    const rand = mulberry32(this.options.seed ^ 0x5bd1e995);
    let chunk = 'id,name,region\n';
    for (let i = 0; i < this.n; i++) {
      const path = this.regionPaths[this.region[i]!]!;
      const city = path.split('/')[1] ?? path;
      const a = NAME_CHARS[Math.floor(rand() * NAME_CHARS.length)]!;
      const b = NAME_CHARS[Math.floor(rand() * NAME_CHARS.length)]!;
      const business = BUSINESS[Math.floor(rand() * BUSINESS.length)]!;
      const suffix = SUFFIX[Math.floor(rand() * SUFFIX.length)]!;
      chunk += `${this.ids[i]},${city}${a}${b}${business}${suffix},${path}\n`;
      if (chunk.length >= chunkSize) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }

  /** memberships.csv (company,segment,share) in chunks. */
  *membershipsCsv(chunkSize = 1 << 20): Generator<string> {
    let chunk = 'company,segment,share\n';
    const cents = (c: number) => (c < 0 ? '' : c === 100 ? '1' : `0.${String(c).padStart(2, '0')}`);
    for (let i = 0; i < this.n; i++) {
      if (this.seg1[i] === this.other) continue;
      const s1 = this.share1[i]!;
      chunk += `${this.ids[i]},${this.segmentIds[this.seg1[i]!]},${cents(s1)}\n`;
      const s2 = this.seg2[i]!;
      if (s2 >= 0) {
        chunk += `${this.ids[i]},${this.segmentIds[s2]},${cents(s1 < 0 ? -1 : 100 - s1)}\n`;
      }
      if (chunk.length >= chunkSize) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }

  /** Companies of each (segment, area) bucket, area = city, province or 0 (the country). */
  private buckets(areaOf: (i: number) => number, areas: number): Buckets {
    const segments = this.feedsOut.length; // with the `other` pseudo-segment
    const offsets = new Int32Array(segments * areas + 1);
    const key = (s: number, i: number) => s * areas + areaOf(i);
    for (let i = 0; i < this.n; i++) {
      offsets[key(this.seg1[i]!, i) + 1]!++;
      if (this.seg2[i]! >= 0) offsets[key(this.seg2[i]!, i) + 1]!++;
    }
    for (let k = 0; k < segments * areas; k++) offsets[k + 1]! += offsets[k]!;
    const next = offsets.slice(0, segments * areas);
    const items = new Int32Array(offsets[segments * areas]!);
    for (let i = 0; i < this.n; i++) {
      items[next[key(this.seg1[i]!, i)]!++] = i;
      if (this.seg2[i]! >= 0) items[next[key(this.seg2[i]!, i)]!++] = i;
    }
    const cum = new Float64Array(items.length);
    for (let k = 0; k < segments * areas; k++) {
      let acc = 0;
      for (let p = offsets[k]!; p < offsets[k + 1]!; p++) cum[p] = acc += this.size[items[p]!]!;
    }
    return { offsets, items, cum };
  }

  /**
   * The relations in batches of `batchSize` rows (the arrays are reused: copy what you keep),
   * grouped by the company that writes them (its sales, collaborations, then its parent).
   */
  *relationBatches(batchSize = 1 << 16): Generator<RelationBatch> {
    if (batchSize < 8192) throw new RangeError('batchSize must be at least 8192');
    const o = this.options;
    const rand = mulberry32(o.seed ^ 0x27d4eb2f);
    const cities = this.cityNames.length;
    const provinces = this.cityProvince.reduce((a, p) => Math.max(a, p + 1), 0);
    const cityOf = (i: number) => this.regionCity[this.region[i]!]!;
    const byCity = this.buckets(cityOf, cities);
    const byProvince = this.buckets((i) => this.cityProvince[cityOf(i)]!, provinces);
    const byCountry = this.buckets(() => 0, 1);
    const batch: RelationBatch = {
      length: 0,
      source: new Int32Array(batchSize),
      target: new Int32Array(batchSize),
      type: new Uint8Array(batchSize),
      cents: new Int32Array(batchSize),
    };
    // Partners a company already has for the current relation type (mark[t] === stamp): they
    // are redrawn, so that parallel relations stay rare.
    const mark = new Int32Array(this.n).fill(-1);
    let stamp = 0;
    const draw = (b: Buckets, key: number, self: number): number => {
      const a = b.offsets[key]!;
      const e = b.offsets[key + 1]!;
      if (e - a === 0 || (e - a === 1 && b.items[a] === self)) return -1;
      for (let attempt = 0; attempt < 4; attempt++) {
        const p = firstAbove(b.cum, a, e, rand() * b.cum[e - 1]!);
        const t = b.items[p]!;
        if (t !== self && mark[t] !== stamp) {
          mark[t] = stamp;
          return t;
        }
      }
      return -1;
    };
    /** A company of segment s near company i: same city w.p. pCity, province w.p. pProv. */
    const partner = (i: number, s: number, pCity: number, pProvince: number): number => {
      const city = cityOf(i);
      const u = rand();
      let t = -1;
      if (u < pCity) t = draw(byCity, s * cities + city, i);
      if (t < 0 && u < pCity + pProvince)
        t = draw(byProvince, s * provinces + this.cityProvince[city]!, i);
      if (t < 0) t = draw(byCountry, s, i);
      return t;
    };
    const emit = (s: number, t: number, type: number, cents: number) => {
      const k = batch.length++;
      batch.source[k] = s;
      batch.target[k] = t;
      batch.type[k] = type;
      batch.cents[k] = cents;
    };
    let sizeSum = 0;
    for (let i = 0; i < this.n; i++) sizeSum += this.sold(i);
    for (let i = 0; i < this.n; i++) {
      // A company writes at most 4,000 sales + 500 collaborations + 1 ownership.
      if (batch.length + 4501 > batchSize) {
        yield batch;
        batch.length = 0;
      }
      const s1 = this.seg1[i]!;
      const s2 = this.seg2[i]!;
      const size = this.size[i]!;
      // Sales.
      stamp = 3 * i;
      const sells = this.sold(i) * this.supplyScale * this.sellFactor(s1);
      const count = Math.min(4000, Math.floor(sells + rand()));
      for (let k = 0; k < count; k++) {
        const from = s2 >= 0 && rand() < 0.2 ? s2 : s1;
        const feeds = this.feedsOut[from]!;
        let to: number;
        if (feeds.length > 0 && rand() < o.alongFeeds)
          to = feeds[Math.floor(rand() * feeds.length)]!;
        else if (rand() < 0.5) to = from;
        else {
          const mine = this.templateSegments[this.segmentTemplate[from]!]!;
          to = mine[Math.floor(rand() * mine.length)]!;
        }
        const t = partner(i, to, o.sameCity, o.sameProvince);
        if (t < 0) continue;
        emit(i, t, SUPPLY, Math.floor(50 / (1 - 0.999 * rand())));
      }
      // Collaborations: same segment, mostly the same city.
      const collaborations = Math.min(
        500,
        Math.floor((o.collaborations * this.sold(i) * this.n) / sizeSum + rand()),
      );
      stamp = 3 * i + 1;
      for (let k = 0; k < collaborations; k++) {
        const t = partner(i, s1, 0.7, 0.3);
        if (t >= 0) emit(i, t, COLLABORATION, 100);
      }
      // Ownership: a company of the same template, same province w.p. 0.7, drawn by size; the
      // larger of the two owns the other.
      if (rand() < o.owned) {
        stamp = 3 * i + 2;
        const mine = this.templateSegments[this.segmentTemplate[s1]!]!;
        const seg = mine[Math.floor(rand() * mine.length)]!;
        const p = partner(i, seg, 0, 0.7);
        const equity = 51 + Math.floor(rand() * 50);
        if (p >= 0) {
          if (this.size[p]! >= size) emit(p, i, OWNERSHIP, equity);
          else emit(i, p, OWNERSHIP, equity);
        }
      }
    }
    if (batch.length > 0) yield batch;
  }

  /** relations.csv (source,target,type,weight) in chunks of about `chunkSize` characters. */
  *relationsCsv(chunkSize = 1 << 20): Generator<string> {
    let chunk = 'source,target,type,weight\n';
    for (const b of this.relationBatches()) {
      for (let k = 0; k < b.length; k++) {
        const c = b.cents[k]!;
        chunk += `${this.ids[b.source[k]!]},${this.ids[b.target[k]!]},${TYPE_NAMES[b.type[k]!]},${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}\n`;
        if (chunk.length >= chunkSize) {
          yield chunk;
          chunk = '';
        }
      }
    }
    if (chunk) yield chunk;
  }
}
