/**
 * Writes a seeded national-scale dataset folder (see national.ts for the model):
 *
 *   node benchmarks/dist/gen-national.js --companies 500000 --seed 42 \
 *     --out benchmarks/out/national-500k [--formats csv,arrow,parquet]
 *
 * The folder holds chainlens.json, companies.csv, memberships.csv, relations.csv and a copy of
 * the chain templates; `--formats` adds relations.arrow (Arrow IPC file) and relations.parquet
 * (zstd, through DuckDB) with manifests chainlens.arrow.json / chainlens.parquet.json that name
 * them. Sizes: `--companies 50k`, `500k`, `5M` are accepted. The same arguments give the same
 * bytes (the templates and region list being the same).
 *
 * Regions come from data/cn-regions.csv (NBS 2023 county-level divisions), cities weighted by
 * the listed companies of datasets/cn-listed, chains placed where cn-listed's companies hold
 * them (`chainHints`, kept in data/chain-hints.csv: `--write-hints` rewrites it); templates from datasets/templates/*.json, or
 * the eto-semiconductors templates when that folder is empty.
 */
import {
  closeSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ChainTemplate } from '@chainlens/core';
import { chainStructure, regionParts, segmentMembership } from '@chainlens/core';
import { readDataset } from '@chainlens/io/node';
import { csvToParquet } from '@chainlens/scale';
import type { Data } from 'apache-arrow';
import {
  Field,
  Float64,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Struct,
  Utf8,
  makeData,
} from 'apache-arrow';
import type { ChainHints, NationalOptions, RegionEntry, TemplateShape } from './national.js';
import { NationalGenerator, TYPE_NAMES } from './national.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const REPO = here('../../');

/** The leaf regions of data/cn-regions.csv. */
export function readRegions(file = here('../data/cn-regions.csv')): RegionEntry[] {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [code, path] = line.split(',');
    return { code: code!, path: path! };
  });
}

/**
 * City weights from a companies CSV with a `region` column (datasets/cn-listed): 1 + the
 * companies of the city + the province-only companies spread over the province's cities.
 */
export function cityWeights(
  regions: RegionEntry[],
  companiesCsv = join(REPO, 'datasets/cn-listed/companies.csv'),
): Map<string, number> {
  const weights = new Map<string, number>();
  const citiesOf = new Map<string, Set<string>>();
  for (const r of regions) {
    const [p, c] = r.path.split('/');
    const city = `${p}/${c ?? p}`;
    weights.set(city, 1);
    if (!citiesOf.has(p!)) citiesOf.set(p!, new Set());
    citiesOf.get(p!)!.add(city);
  }
  if (!existsSync(companiesCsv)) return weights;
  const lines = readFileSync(companiesCsv, 'utf8').split('\n');
  const col = lines[0]!.split(',').indexOf('region');
  const provinceOnly = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const region = line.split(',')[col] ?? '';
    const parts = region.split('/').filter(Boolean);
    if (parts.length === 0) continue;
    if (parts.length === 1) provinceOnly.set(parts[0]!, (provinceOnly.get(parts[0]!) ?? 0) + 1);
    else {
      const city = `${parts[0]}/${parts[1]}`;
      if (weights.has(city)) weights.set(city, weights.get(city)! + 1);
    }
  }
  for (const [p, k] of provinceOnly) {
    const cities = citiesOf.get(p);
    if (!cities) continue;
    for (const c of cities) weights.set(c, weights.get(c)! + k / cities.size);
  }
  return weights;
}

/**
 * Real hints of where each chain sits (national-clusters.ts): per template, city (`省/市`) and
 * segment, the companies of a dataset with a region (datasets/cn-listed) that the template's
 * `includes` place in that segment (core's segmentMembership, default revenue threshold).
 * Companies with a province only are left out. Empty when the dataset is absent.
 */
export function chainHints(
  templates: TemplateShape[],
  datasetDir = join(REPO, 'datasets/cn-listed'),
): ChainHints {
  const hints: ChainHints = new Map();
  if (!existsSync(join(datasetDir, 'chainlens.json'))) return hints;
  const { dataset } = readDataset(datasetDir);
  const cityOf = dataset.companies.regions.map((r) => {
    const parts = regionParts(r);
    return parts.length >= 2 ? `${parts[0]}/${parts[1]}` : '';
  });
  for (const t of templates) {
    const template = t as unknown as ChainTemplate;
    const m = segmentMembership(dataset, chainStructure(template));
    const byCity = new Map<string, Map<string, number>>();
    template.segments.forEach((seg, s) => {
      for (const c of m.members[s]!) {
        const city = cityOf[c]!;
        if (city === '') continue;
        const segs = byCity.get(city) ?? new Map<string, number>();
        segs.set(seg.id, (segs.get(seg.id) ?? 0) + 1);
        byCity.set(city, segs);
      }
    });
    hints.set(t.id, byCity);
  }
  return hints;
}

const HINTS_FILE = here('../data/chain-hints.csv');

/** chain-hints.csv (template,city,segment,companies) from hints, rows sorted. */
export function hintsCsv(hints: ChainHints): string {
  const rows: string[] = [];
  for (const [t, byCity] of hints)
    for (const [city, segs] of byCity)
      for (const [s, k] of segs) rows.push(`${t},${city},${s},${k}`);
  return `template,city,segment,companies\n${rows.sort().join('\n')}\n`;
}

/** Reads benchmarks/data/chain-hints.csv (written by `gen-national --write-hints`). */
export function readChainHints(file = HINTS_FILE): ChainHints {
  const hints: ChainHints = new Map();
  for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
    const [t, city, s, k] = line.split(',');
    if (!hints.has(t!)) hints.set(t!, new Map());
    const byCity = hints.get(t!)!;
    if (!byCity.has(city!)) byCity.set(city!, new Map());
    byCity.get(city!)!.set(s!, Number(k));
  }
  return hints;
}

/** Template files: datasets/templates/*.json, or the eto-semiconductors ones. */
export function templateFiles(dir?: string): string[] {
  const dirs = dir
    ? [dir]
    : [join(REPO, 'datasets/templates'), join(REPO, 'datasets/eto-semiconductors/templates')];
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    const files = readdirSync(d)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(d, f));
    if (files.length > 0) return files;
  }
  throw new Error(`no template files in ${dirs.join(' or ')}`);
}

/** Parses `50k`, `5M`, `500000`. */
export function parseCount(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!m) throw new Error(`not a count: '${text}'`);
  const scale = m[2] === '' ? 1 : m[2]!.toLowerCase() === 'k' ? 1e3 : 1e6;
  const v = Math.round(Number(m[1]) * scale);
  if (!Number.isSafeInteger(v)) throw new Error(`not a count: '${text}'`);
  return v;
}

function writeChunks(file: string, chunks: Iterable<string>): number {
  const fd = openSync(file, 'w');
  let bytes = 0;
  try {
    for (const chunk of chunks) bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** Arrow UTF-8 column data of ASCII strings (ids and type names), built without a string encoder. */
function asciiData(n: number, text: (k: number) => string): Data<Utf8> {
  const offsets = new Int32Array(n + 1);
  let total = 0;
  for (let k = 0; k < n; k++) offsets[k + 1] = total += text(k).length;
  const values = new Uint8Array(total);
  for (let k = 0; k < n; k++) {
    const s = text(k);
    const at = offsets[k]!;
    for (let c = 0; c < s.length; c++) values[at + c] = s.charCodeAt(c);
  }
  return makeData({
    type: new Utf8(),
    length: n,
    nullCount: 0,
    valueOffsets: offsets,
    data: values,
  });
}

/** relations.arrow: an Arrow IPC file with source, target, type (text) and weight (double). */
async function writeArrow(gen: NationalGenerator, file: string): Promise<void> {
  const schema = new Schema([
    new Field('source', new Utf8(), false),
    new Field('target', new Utf8(), false),
    new Field('type', new Utf8(), false),
    new Field('weight', new Float64(), false),
  ]);
  const writer = new RecordBatchFileWriter();
  const out = createWriteStream(file);
  const stream = writer.toNodeStream();
  stream.pipe(out);
  const done = finished(out);
  for (const b of gen.relationBatches(1 << 17)) {
    const n = b.length;
    const weight = new Float64Array(n);
    for (let k = 0; k < n; k++) weight[k] = b.cents[k]! / 100;
    const children = [
      asciiData(n, (k) => gen.id(b.source[k]!)),
      asciiData(n, (k) => gen.id(b.target[k]!)),
      asciiData(n, (k) => TYPE_NAMES[b.type[k]!]!),
      makeData({ type: new Float64(), length: n, nullCount: 0, data: weight }),
    ];
    const data = makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children });
    writer.write(new RecordBatch(schema, data));
    // Let the file stream drain before the next batch (bounded memory).
    if (out.writableNeedDrain) await new Promise<void>((r) => out.once('drain', () => r()));
    else await new Promise<void>((r) => setImmediate(r));
  }
  writer.finish();
  await done;
}

export interface WriteNationalOptions extends Omit<NationalOptions, 'regions' | 'templates'> {
  out: string;
  formats?: readonly ('csv' | 'arrow' | 'parquet')[];
  templatesDir?: string;
  /** Called after each file with its name and size. */
  onFile?: (file: string, bytes: number, seconds: number) => void;
}

/** Writes the dataset folder; returns the generator (for its counts). */
export async function writeNational(options: WriteNationalOptions): Promise<NationalGenerator> {
  const regions = readRegions();
  const files = templateFiles(options.templatesDir);
  const templates = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as TemplateShape);
  const gen = new NationalGenerator({
    ...options,
    regions,
    templates,
    cityWeight: options.cityWeight ?? cityWeights(regions),
    chainHints: options.chainHints ?? readChainHints(),
  });
  const dir = options.out;
  mkdirSync(join(dir, 'templates'), { recursive: true });
  const timed = (file: string, write: () => number) => {
    const t = performance.now();
    const bytes = write();
    options.onFile?.(file, bytes, (performance.now() - t) / 1000);
  };
  const templateNames = files.map((f) => `templates/${basename(f)}`);
  files.forEach((f, i) => {
    writeFileSync(join(dir, templateNames[i]!), readFileSync(f));
  });
  const manifest = (relations: string) =>
    `${JSON.stringify(
      {
        name: `national-${options.companies}-s${options.seed}`,
        description:
          'Synthetic national company registry (benchmarks/src/national.ts): companies with province/city/county regions, segment memberships, supply, collaboration and ownership relations.',
        license: 'CC0-1.0 (generated)',
        companies: 'companies.csv',
        memberships: 'memberships.csv',
        relations,
        templates: templateNames,
      },
      null,
      2,
    )}\n`;
  writeFileSync(join(dir, 'chainlens.json'), manifest('relations.csv'));
  timed('companies.csv', () => writeChunks(join(dir, 'companies.csv'), gen.companiesCsv()));
  timed('memberships.csv', () => writeChunks(join(dir, 'memberships.csv'), gen.membershipsCsv()));
  timed('relations.csv', () => writeChunks(join(dir, 'relations.csv'), gen.relationsCsv()));
  const formats = options.formats ?? ['csv'];
  if (formats.includes('arrow')) {
    const t = performance.now();
    await writeArrow(gen, join(dir, 'relations.arrow'));
    writeFileSync(join(dir, 'chainlens.arrow.json'), manifest('relations.arrow'));
    options.onFile?.('relations.arrow', 0, (performance.now() - t) / 1000);
  }
  if (formats.includes('parquet')) {
    const t = performance.now();
    await csvToParquet(join(dir, 'relations.csv'), join(dir, 'relations.parquet'), ['weight']);
    writeFileSync(join(dir, 'chainlens.parquet.json'), manifest('relations.parquet'));
    options.onFile?.('relations.parquet', 0, (performance.now() - t) / 1000);
  }
  return gen;
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      companies: { type: 'string', default: '50k' },
      seed: { type: 'string', default: '42' },
      out: { type: 'string' },
      formats: { type: 'string', default: 'csv' },
      templates: { type: 'string' },
      'write-hints': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'usage: node benchmarks/dist/gen-national.js --companies 50k|500k|5M|N [--seed S] [--out DIR] [--formats csv,arrow,parquet] [--templates DIR] | --write-hints (benchmarks/data/chain-hints.csv from datasets/cn-listed)',
    );
    return;
  }
  if (values['write-hints']) {
    const files = templateFiles(values.templates);
    const templates = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as TemplateShape);
    writeFileSync(HINTS_FILE, hintsCsv(chainHints(templates)));
    console.log(`wrote ${HINTS_FILE}`);
    return;
  }
  const companies = parseCount(values.companies);
  const seed = parseCount(values.seed);
  const formats = values.formats.split(',').map((f) => f.trim()) as ('csv' | 'arrow' | 'parquet')[];
  for (const f of formats) {
    if (!['csv', 'arrow', 'parquet'].includes(f)) throw new Error(`unknown format '${f}'`);
  }
  const out = values.out ?? join(REPO, `benchmarks/out/national-${values.companies}-s${seed}`);
  const start = performance.now();
  await writeNational({
    companies,
    seed,
    out,
    formats,
    ...(values.templates ? { templatesDir: values.templates } : {}),
    onFile: (file, bytes, seconds) =>
      console.log(
        `${join(out, file)}${bytes ? `: ${(bytes / 1e6).toFixed(1)} MB` : ''} in ${seconds.toFixed(1)} s`,
      ),
  });
  console.log(`done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`gen-national: ${(e as Error).message}`);
    process.exitCode = 1;
  });
}
