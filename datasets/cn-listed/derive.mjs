#!/usr/bin/env node
// Derives the shipped `cn-listed` dataset from the ChainKnowledgeGraph conversion in ../shared.
//
//   node datasets/cn-listed/derive.mjs [--shared ../shared] [--out DIR]
//
// --shared is the shared folder holding datasets/chain-knowledge-graph and datasets/cn-admin-divisions;
// relative paths given on the command line resolve against the current directory. Without it the
// script uses ../shared relative to the repository root (found from this script's own location).
// Output files are written next to this script, or into --out DIR (which must exist). The output is deterministic: sorted rows and fixed
// number formatting, so re-running on the same source gives byte-identical files.
// See README.md in this folder for every rule and the resulting counts.

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

// ---------------------------------------------------------------- parameters (documented in README)
/** Share used for a `makes` edge listed without a revenue figure (source weight exactly 0.001). */
const UNKNOWN_SHARE = 0.05;
/** Weight factor for a (p,q) product pair that needs one subcategory_of step. */
const SUBCATEGORY_FACTOR = 0.5;
/** Per customer company and per input product: keep only this many suppliers (best share first). */
const TOP_K_SUPPLIERS = 10;
/** Inferred-supply weights are capped at this value. */
const WEIGHT_CAP = 1;
/** Relations file is gzipped only when the plain CSV would be bigger than this. */
const GZIP_THRESHOLD_BYTES = 10 * 1024 * 1024;

// ---------------------------------------------------------------- paths
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const args = process.argv.slice(2);
let sharedDir = resolve(repoRoot, '..', 'shared');
let outDir = here;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--shared' && args[i + 1]) sharedDir = resolve(process.cwd(), args[++i]);
  else if (args[i].startsWith('--shared=')) sharedDir = resolve(process.cwd(), args[i].slice(9));
  else if (args[i] === '--out' && args[i + 1]) outDir = resolve(process.cwd(), args[++i]);
  else if (args[i].startsWith('--out=')) outDir = resolve(process.cwd(), args[i].slice(6));
  else {
    console.error(
      `usage: node datasets/cn-listed/derive.mjs [--shared DIR] [--out DIR]  (unknown argument ${args[i]})`,
    );
    process.exit(2);
  }
}
const srcDir = join(sharedDir, 'datasets', 'chain-knowledge-graph');
const divisionsFile = join(sharedDir, 'datasets', 'cn-admin-divisions', 'divisions.csv');
for (const f of [join(srcDir, 'nodes.csv'), divisionsFile]) {
  if (!existsSync(f)) {
    console.error(`source not found: ${f} (pass --shared DIR)`);
    process.exit(2);
  }
}
if (!existsSync(outDir)) {
  console.error(`output folder not found: ${outDir}`);
  process.exit(2);
}

// ---------------------------------------------------------------- helpers
const readCsv = (file) =>
  parse(readFileSync(file, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    relax_column_count: false,
  });
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** Shares: at most 6 decimals (the source precision), no trailing zeros. */
const fmtShare = (x) => {
  const s = String(Number(x.toFixed(6)));
  return s === '-0' ? '0' : s;
};
/** Relation weights: 6 significant digits, plain decimal notation (no exponent). */
const fmtWeight = (x) => {
  const r = Number(x.toPrecision(6));
  if (r >= 1e-6) return String(r);
  // below 1e-6 String() would switch to exponent notation: write the digits out
  const exp = Math.floor(Math.log10(r));
  return r.toFixed(Math.min(100, 5 - exp)).replace(/0+$/, '');
};
const writeCsv = (name, columns, rows) => {
  const text = stringify(rows, { header: true, columns, record_delimiter: '\n' });
  writeFileSync(join(outDir, name), text);
  return Buffer.byteLength(text);
};
const stats = {};
const count = (key, n = 1) => (stats[key] = (stats[key] ?? 0) + n);

// ---------------------------------------------------------------- read
const nodes = readCsv(join(srcDir, 'nodes.csv'));
const edges = readCsv(join(srcDir, 'edges.csv'));
stats.sourceNodes = nodes.length;
stats.sourceEdges = edges.length;

const companyNodes = nodes.filter((n) => n.kind === 'company').sort((a, b) => cmp(a.id, b.id));
const industryNodes = nodes.filter((n) => n.kind === 'industry');
const productNodes = nodes.filter((n) => n.kind === 'product');
const companyIds = new Set(companyNodes.map((n) => n.id));

// ---------------------------------------------------------------- companies.csv
// Region = the name-based guess of the source (`region`, `region_rule`: a province/city/county found
// at the start of the full name) combined with the registered province (`registered_area`, Tushare
// `area`). Rules (README "Region"):
//   - no registered province: the name-based guess as it is (rule unchanged);
//   - both agree on the province: the name-based path as it is (rule unchanged) — except that a
//     province-only guess `广东` with registered `深圳` becomes `广东/深圳` (`name+registered-city`);
//   - no name-based guess: the registered province (`registered`);
//   - the name-based province differs: the registered province (`registered-over-name`; the
//     registered seat is the current one, the name mostly keeps an old seat).
// The registered province is written as a region path: `深圳` -> `广东/深圳`, `内蒙` -> `内蒙古`, a
// municipality as its own city (`北京/北京`, the form of divisions.csv and of the name-based rule).
const divisions = readCsv(divisionsFile);
const knownRegions = new Set(); // every prefix of a division path
for (const d of divisions) {
  const parts = d.path.split('/');
  for (let i = 1; i <= parts.length; i++) knownRegions.add(parts.slice(0, i).join('/'));
}
const provinces = new Set(divisions.filter((d) => d.level === 'province').map((d) => d.short_name));
/** Tushare `area` spellings that are not a province short name of divisions.csv. */
const AREA_SPELLINGS = { 深圳: '广东/深圳', 内蒙: '内蒙古' };
const MUNICIPALITIES = new Set(['北京', '上海', '天津', '重庆']);
/** Registered area -> region path (province, or province/city for 深圳 and the municipalities). */
const registeredRegion = (area) => {
  if (!area) return '';
  let path = AREA_SPELLINGS[area] ?? area;
  if (!provinces.has(path.split('/')[0]))
    throw new Error(`registered_area ${area} is not a province of divisions.csv`);
  if (MUNICIPALITIES.has(path)) path = `${path}/${path}`;
  if (!knownRegions.has(path)) throw new Error(`registered region ${path} not in divisions.csv`);
  return path;
};
const registeredAreas = new Map(); // area -> company count (for the record)
const companyRows = companyNodes.map((n) => {
  if (!/^\d{6}$/.test(n.id)) throw new Error(`company id not 6 digits: ${n.id}`);
  // a county directly under its province is its own city: `湖北/潜江/潜江` -> `湖北/潜江` (the
  // form of divisions.csv)
  let region = n.region;
  let rule = n.region_rule;
  const parts = region.split('/');
  if (parts.length === 3 && parts[1] === parts[2]) {
    region = parts.slice(0, 2).join('/');
    count('regionsCollapsedCityEqualsCounty');
  }
  if (!region !== !rule) throw new Error(`company ${n.id}: region and region_rule disagree`);
  if (n.registered_area) {
    registeredAreas.set(n.registered_area, (registeredAreas.get(n.registered_area) ?? 0) + 1);
    const registered = registeredRegion(n.registered_area);
    const province = registered.split('/')[0];
    if (!region) {
      region = registered;
      rule = 'registered';
    } else if (region.split('/')[0] !== province) {
      region = registered;
      rule = 'registered-over-name';
    } else if (region === province && registered !== province) {
      region = registered; // `广东` + registered `深圳`
      rule = 'name+registered-city';
    } else if (
      !regionWithin(region, registered) ||
      (n.registered_area === '广东' && regionWithin(region, '广东/深圳'))
    )
      // the provinces agree, the cities do not (Tushare lists 深圳 apart from 广东): name kept
      count('regionsNameCityKeptAgainstRegistered');
  }
  return {
    id: n.id,
    name: n.label,
    region,
    fullname: n.fullname,
    exchange: n.exchange,
    listed: listedDate(n),
    industry_code: n.industry_code,
    industry_l1: n.industry_l1,
    industry_l2: n.industry_l2,
    industry_l3: n.industry_l3,
    region_rule: rule,
    flag: n.flag,
  };
});
/**
 * The listing date as `listed` (docs/time.md), empty where the source's `list_date` is not a date
 * (84 rows hold the exchange's name there) or is another company's (rows flagged
 * `fullname-suspect`); both counted in stats.
 */
function listedDate(n) {
  if (n.flag === 'fullname-suspect') {
    count('listedDroppedSuspect');
    return '';
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(n.list_date)) {
    if (n.list_date) count('listedNotADate');
    return '';
  }
  return n.list_date;
}
/** `a` is `b` or below it (path prefix at a `/` boundary). */
function regionWithin(a, b) {
  return a === b || a.startsWith(`${b}/`);
}
stats.registeredAreas = Object.fromEntries([...registeredAreas].sort((a, b) => cmp(a[0], b[0])));
stats.companies = companyRows.length;
stats.companiesWithRegion = companyRows.filter((r) => r.region).length;
stats.companiesWithCity = companyRows.filter((r) => r.region.includes('/')).length;
stats.companiesByRegionRule = {};
for (const r of companyRows)
  if (r.region_rule)
    stats.companiesByRegionRule[r.region_rule] =
      (stats.companiesByRegionRule[r.region_rule] ?? 0) + 1;
stats.companiesByRegionRule = Object.fromEntries(
  Object.entries(stats.companiesByRegionRule).sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])),
);
stats.companiesByProvince = {};
for (const r of companyRows) {
  const p = r.region.split('/')[0];
  if (p) stats.companiesByProvince[p] = (stats.companiesByProvince[p] ?? 0) + 1;
}
stats.companiesByProvince = Object.fromEntries(
  Object.entries(stats.companiesByProvince).sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])),
);
// every region is a path of the NBS division list (a prefix of a division path)
stats.regionsNotInDivisions = companyRows.filter(
  (r) => r.region && !knownRegions.has(r.region),
).length;
if (stats.regionsNotInDivisions) throw new Error('region paths not in divisions.csv');

// Product names without control characters (4 source names end in DEL or hold a backspace), which io refuses.
function clean(name) {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/g, '');
}
// ---------------------------------------------------------------- vocabulary: products.csv
// Product ids are their names (node id without `p:`). Industry ids are their names too; when two
// SW codes share one name (8 cases, an older code only known from company_industry.json and the
// current one) they become one row whose code is the code from the SW industry list.
const vocab = new Map(); // name -> {id,name,kinds:Set,code}
const accountingProducts = new Set(
  productNodes.filter((n) => n.flag === 'accounting-line').map((n) => n.id),
);
for (const n of productNodes) {
  if (accountingProducts.has(n.id)) continue; // revenue-breakdown lines, not products
  const name = clean(n.id.slice(2));
  vocab.set(name, { id: name, kinds: new Set(['product']), code: '' });
}
stats.productNamesDroppedAccounting = accountingProducts.size;
const industryName = new Map(); // i:code -> name
const industryCodeRank = (n) => (n.flag === 'not-in-industry-list' ? 1 : 0);
for (const n of [...industryNodes].sort(
  (a, b) => industryCodeRank(a) - industryCodeRank(b) || cmp(a.id, b.id),
)) {
  const name = n.label;
  industryName.set(n.id, name);
  const v = vocab.get(name);
  if (!v) vocab.set(name, { id: name, kinds: new Set(['industry']), code: n.industry_code });
  else if (v.kinds.has('industry')) count('industryCodesMergedByName');
  else {
    v.kinds.add('industry');
    v.code = n.industry_code;
    count('namesProductAndIndustry');
  }
}
const kindOf = (v) =>
  [...v.kinds].sort((a, b) => (a === 'product' ? -1 : b === 'product' ? 1 : 0)).join('|');
const productRows = [...vocab.values()]
  .map((v) => ({ id: v.id, name: v.id, kind: kindOf(v), code: v.code }))
  .sort((a, b) => cmp(a.id, b.id));
stats.productsRows = productRows.length;
stats.productsByKind = {};
for (const r of productRows) stats.productsByKind[r.kind] = (stats.productsByKind[r.kind] ?? 0) + 1;

// ---------------------------------------------------------------- memberships.csv
const memberships = new Map(); // company \t segment -> row
/** company -> Map(productName -> share used for inference, or null when unknown) */
const madeBy = new Map(); // productName -> Map(company -> share|null)
const makesOf = new Map(); // company -> Map(productName -> share|null)
for (const e of edges) {
  if (e.relation !== 'makes') continue;
  count('makesEdges');
  const flags = e.flag ? e.flag.split('|') : [];
  const w = Number(e.weight);
  if (flags.includes('accounting-line') || accountingProducts.has(e.target)) {
    count('makesDroppedAccountingLine');
    continue;
  }
  if (flags.includes('negative-weight') || w < 0) {
    count('makesDroppedNegative');
    continue;
  }
  if (!Number.isFinite(w)) throw new Error(`bad weight ${e.weight}`);
  if (!companyIds.has(e.source)) throw new Error(`makes from unknown company ${e.source}`);
  const name = clean(e.target.slice(2));
  if (!vocab.has(name)) throw new Error(`unknown product ${name}`);
  let share;
  let flag = '';
  if (flags.includes('share-unknown')) {
    share = null;
    flag = 'share-unknown';
    count('makesShareUnknown');
  } else if (w > 1) {
    share = 1;
    flag = 'weight-over-1-clamped';
    count('makesClampedOver1');
  } else {
    share = w;
    if (w === 0) count('makesShareZero');
  }
  const key = `${e.source}\t${name}`;
  if (memberships.has(key)) throw new Error(`duplicate makes ${key}`);
  memberships.set(key, { company: e.source, segment: name, share, kind: 'product', flag });
  if (!madeBy.has(name)) madeBy.set(name, new Map());
  madeBy.get(name).set(e.source, share);
  if (!makesOf.has(e.source)) makesOf.set(e.source, new Map());
  makesOf.get(e.source).set(name, share);
}
for (const e of edges) {
  if (e.relation !== 'in_industry') continue;
  count('inIndustryEdges');
  const name = industryName.get(e.target);
  if (!name) throw new Error(`unknown industry ${e.target}`);
  const key = `${e.source}\t${name}`;
  const m = memberships.get(key);
  if (m) {
    // same name is both a product the company makes and its SW industry: one row
    m.kind = 'product|industry';
    count('membershipsProductAndIndustryMerged');
  } else
    memberships.set(key, {
      company: e.source,
      segment: name,
      share: null,
      kind: 'industry',
      flag: '',
    });
}
const membershipRows = [...memberships.values()]
  .sort((a, b) => cmp(a.company, b.company) || cmp(a.segment, b.segment))
  .map((m) => ({ ...m, share: m.share === null ? '' : fmtShare(m.share) }));
stats.membershipsRows = membershipRows.length;
stats.membershipsByKind = {};
for (const r of membershipRows)
  stats.membershipsByKind[r.kind] = (stats.membershipsByKind[r.kind] ?? 0) + 1;

// ---------------------------------------------------------------- product-links.csv
const links = new Map(); // source \t target \t type -> weight
const nameOf = (id) => (id.startsWith('p:') ? clean(id.slice(2)) : industryName.get(id));
for (const e of edges) {
  if (e.relation !== 'input_of' && e.relation !== 'subcategory_of') continue;
  count('linkEdgesSource');
  const s = nameOf(e.source);
  const t = nameOf(e.target);
  if (!vocab.has(s) || !vocab.has(t))
    throw new Error(`link endpoint not in vocabulary: ${e.source} ${e.target}`);
  if (s === t) {
    count('linksDroppedSelfLoop');
    continue;
  }
  const key = `${s}\t${t}\t${e.relation}`;
  const w = Number(e.weight);
  if (links.has(key)) {
    count('linksMergedDuplicate');
    links.set(key, Math.max(links.get(key), w));
  } else links.set(key, w);
}
const linkRows = [...links.entries()]
  .map(([k, w]) => {
    const [source, target, type] = k.split('\t');
    return { source, target, type, weight: fmtShare(w) };
  })
  .sort((a, b) => cmp(a.source, b.source) || cmp(a.target, b.target) || cmp(a.type, b.type));
stats.productLinksRows = linkRows.length;
stats.productLinksByType = {};
for (const r of linkRows)
  stats.productLinksByType[r.type] = (stats.productLinksByType[r.type] ?? 0) + 1;

// ---------------------------------------------------------------- relations.csv (inferred supply)
// Product-level graph only (p: nodes): input_of P -> Q and subcategory_of narrower -> broader.
const inputsOf = new Map(); // Q -> Set(P)
const narrowerOf = new Map(); // broad -> Set(narrow)
const addTo = (m, k, v) => {
  if (!m.has(k)) m.set(k, new Set());
  m.get(k).add(v);
};
for (const e of edges) {
  if (!e.source.startsWith('p:') || !e.target.startsWith('p:')) continue;
  const s = clean(e.source.slice(2));
  const t = clean(e.target.slice(2));
  if (s === t) continue;
  if (e.relation === 'input_of') addTo(inputsOf, t, s);
  else if (e.relation === 'subcategory_of') {
    count('productSubcategoryLinks');
    // Only head-final hyponyms (磷酸铁锂正极材料 -> 正极材料: the narrower name ends with the broader
    // one). The other links are mostly ingredient/modifier links (柴油机 -> 柴油, 玉米鸡茸汤 -> 玉米).
    if (!s.endsWith(t)) continue;
    count('productSubcategoryLinksUsedForInference');
    addTo(narrowerOf, t, s);
  }
}
/** Share used in the weight: unknown -> UNKNOWN_SHARE; 0 -> not used (contributes nothing). */
const inferShare = (s) => (s === null ? UNKNOWN_SHARE : s);

// Enumerate product pairs (p made by B, q made by A) through an input link P -> Q:
//   direct:            p = P, q = Q                      factor 1
//   supplier-narrower: p subcategory_of P, q = Q         factor SUBCATEGORY_FACTOR
//   customer-narrower: p = P, q subcategory_of Q         factor SUBCATEGORY_FACTOR
// (at most one subcategory step per pair). Grouped by (customer A, input product P).
/** key A \t P -> Map(B -> array of [p, q, factor]) */
const groups = new Map();
const pairFactor = new Map(); // `${p}\t${q}` -> best factor (direct wins over one-step)
const enumerated = { direct: 0, supplierNarrower: 0, customerNarrower: 0 };
for (const [Q, Ps] of [...inputsOf.entries()].sort((a, b) => cmp(a[0], b[0]))) {
  const customerProducts = [[Q, 1]];
  for (const q of [...(narrowerOf.get(Q) ?? [])].sort())
    customerProducts.push([q, SUBCATEGORY_FACTOR]);
  for (const P of [...Ps].sort()) {
    for (const [q, fq] of customerProducts) {
      const customers = madeBy.get(q);
      if (!customers) continue;
      const supplierProducts = [[P, 1]];
      if (fq === 1)
        for (const p of [...(narrowerOf.get(P) ?? [])].sort())
          supplierProducts.push([p, SUBCATEGORY_FACTOR]);
      for (const [p, fp] of supplierProducts) {
        if (p === q) continue;
        const suppliers = madeBy.get(p);
        if (!suppliers) continue;
        const f = fq * fp;
        const pk = `${p}\t${q}`;
        if ((pairFactor.get(pk) ?? 0) < f) pairFactor.set(pk, f);
        if (fp < 1) enumerated.supplierNarrower++;
        else if (fq < 1) enumerated.customerNarrower++;
        else enumerated.direct++;
        for (const A of customers.keys()) {
          const gk = `${A}\t${P}`;
          if (!groups.has(gk)) groups.set(gk, new Map());
          const g = groups.get(gk);
          for (const B of suppliers.keys()) {
            if (B === A) continue;
            if (!g.has(B)) g.set(B, []);
            g.get(B).push([p, q, f]);
          }
        }
      }
    }
  }
}
stats.productPairsEnumerated = enumerated;

// Aggregate into company edges, once without the fan-out cap (for the record) and once with it.
function aggregate(topK, directOnly = false) {
  const out = new Map(); // B \t A -> Map(`p\tq` -> contribution)
  for (const [gk, g0] of groups) {
    const A = gk.slice(0, gk.indexOf('\t'));
    let g = g0;
    if (directOnly) {
      g = new Map();
      for (const [B, pairs] of g0) {
        const d = pairs.filter((x) => x[2] === 1);
        if (d.length) g.set(B, d);
      }
    }
    let entries = [...g.entries()];
    if (topK !== Infinity && entries.length > topK) {
      // supplier score = its best share x pair factor among the pairs it supplies in this group
      // (so a maker of P itself outranks a maker of a narrower product with the same share)
      const scored = entries.map(([B, pairs]) => {
        let best = 0;
        for (const [p, , f] of pairs) best = Math.max(best, inferShare(makesOf.get(B).get(p)) * f);
        return [B, pairs, best];
      });
      scored.sort((a, b) => b[2] - a[2] || cmp(a[0], b[0]));
      entries = scored.slice(0, topK).map(([B, pairs]) => [B, pairs]);
    }
    for (const [B, pairs] of entries) {
      const ek = `${B}\t${A}`;
      if (!out.has(ek)) out.set(ek, new Map());
      const m = out.get(ek);
      for (const [p, q] of pairs) {
        const pk = `${p}\t${q}`;
        // one (p,q) pair counts once per company pair, with its best factor
        const c =
          inferShare(makesOf.get(B).get(p)) *
          inferShare(makesOf.get(A).get(q)) *
          pairFactor.get(pk);
        if (!m.has(pk) || m.get(pk) < c) m.set(pk, c);
      }
    }
  }
  const rows = [];
  let capped = 0;
  let zero = 0;
  for (const [ek, m] of out) {
    const [source, target] = ek.split('\t');
    let sum = 0;
    let via = null;
    let viaC = -1;
    for (const pk of [...m.keys()].sort()) {
      const c = m.get(pk);
      sum += c;
      if (c > viaC) {
        viaC = c;
        via = pk;
      }
    }
    if (!(sum > 0)) {
      zero++;
      continue;
    }
    if (sum > WEIGHT_CAP) {
      capped++;
      sum = WEIGHT_CAP;
    }
    rows.push({
      source,
      target,
      type: 'inferred-supply',
      weight: fmtWeight(sum),
      paths: m.size,
      via: via.replace('\t', '>'),
    });
  }
  rows.sort((a, b) => cmp(a.source, b.source) || cmp(a.target, b.target));
  return { rows, capped, zero };
}
const uncapped = aggregate(Infinity);
const capped = aggregate(TOP_K_SUPPLIERS);
stats.inferredEdgesDirectOnlyBeforeFanoutCap = aggregate(Infinity, true).rows.length;
stats.inferredEdgesDirectOnlyAfterFanoutCap = aggregate(TOP_K_SUPPLIERS, true).rows.length;
stats.inferredEdgesBeforeFanoutCap = uncapped.rows.length;
stats.inferredEdgesAfterFanoutCap = capped.rows.length;
stats.inferredEdgesWeightCapped = capped.capped;
stats.inferredEdgesDroppedZeroWeight = capped.zero;
// how many shipped edges have a direct (no subcategory step) strongest pair
stats.inferredEdgesWithDirectVia = capped.rows.filter((r) => {
  const [p, q] = r.via.split('>');
  return pairFactor.get(`${p}\t${q}`) === 1;
}).length;
stats.customerInputGroups = groups.size;
stats.customerInputGroupsOverK = [...groups.values()].filter(
  (g) => g.size > TOP_K_SUPPLIERS,
).length;
stats.maxSuppliersInOneGroup = Math.max(...[...groups.values()].map((g) => g.size));

// ---------------------------------------------------------------- write
const sizes = {};
sizes['companies.csv'] = writeCsv('companies.csv', Object.keys(companyRows[0]), companyRows);
sizes['memberships.csv'] = writeCsv(
  'memberships.csv',
  ['company', 'segment', 'share', 'kind', 'flag'],
  membershipRows,
);
sizes['products.csv'] = writeCsv('products.csv', ['id', 'name', 'kind', 'code'], productRows);
sizes['product-links.csv'] = writeCsv(
  'product-links.csv',
  ['source', 'target', 'type', 'weight'],
  linkRows,
);
const relText = stringify(capped.rows, {
  header: true,
  columns: ['source', 'target', 'type', 'weight', 'paths', 'via'],
  record_delimiter: '\n',
});
let relationsFile = 'relations.csv';
if (Buffer.byteLength(relText) > GZIP_THRESHOLD_BYTES) {
  const { gzipSync } = await import('node:zlib');
  relationsFile = 'relations.csv.gz';
  // gzip output is deterministic for the same input and level (no name or mtime in the header)
  writeFileSync(join(outDir, relationsFile), gzipSync(relText, { level: 9 }));
} else writeFileSync(join(outDir, relationsFile), relText);
sizes[relationsFile] = Buffer.byteLength(relText);

const manifest = {
  name: 'cn-listed',
  description:
    'Chinese A-share listed companies (2021 snapshot of liuhuanyong/ChainKnowledgeGraph): SW industries, ' +
    'main products with revenue shares, product input/subcategory links, and inferred-supply edges derived ' +
    'through products (not observed supply). No license stated by the original author; research/demo use with attribution.',
  companies: 'companies.csv',
  memberships: 'memberships.csv',
  relations: relationsFile,
  products: 'products.csv',
  productLinks: 'product-links.csv',
  templates: [],
};
writeFileSync(join(outDir, 'chainlens.json'), JSON.stringify(manifest, null, 2) + '\n');

stats.bytes = sizes;
console.log(JSON.stringify(stats, null, 2));
