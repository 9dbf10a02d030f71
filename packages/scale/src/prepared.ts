/**
 * The prepared form of a dataset folder (`chainlens prepare DIR`): the validated tables as typed
 * columns in one file, `DIR/.chainlens/prepared.bin`, that later commands read back in seconds
 * instead of parsing and validating the CSV again.
 *
 * Layout: the 8 magic bytes `CLPREP01`, a uint32 (little-endian) byte length and a JSON header
 * (dataset name, templates, validation report, the stamps of the source files, and where each
 * column lies), then the columns, each starting on an 8-byte boundary: typed arrays as their
 * raw little-endian bytes, string columns as UTF-8 chunks of at most 2^20 strings joined by NUL.
 * Every column is read with a positional read into its own typed array (no second copy of the
 * file in memory); numbers are stored exactly as loaded (weights stay float64).
 *
 * Staleness: each file of the folder (outside `.chainlens/`) is stamped with its size, its
 * modification time and a SHA-256 of its first and last 64 KiB. Any difference (a file added,
 * removed, grown, touched or rewritten at either end) makes the prepared form stale, and it is
 * not used. A full content hash would also catch an edit in the middle of a file that keeps its
 * size and modification time, but hashing 2.6 GB costs more than half the time prepare saves;
 * size + mtime is what make and rsync trust, and the head/tail hash guards against a copy that
 * keeps the time (`cp -p`, archives) but not the contents.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  readdirSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import type { Dataset } from '@chainlens/core';
import type { LoadResult, ValidationReport } from '@chainlens/io';

const MAGIC = 'CLPREP01';
const VERSION = 1;
const STRING_CHUNK = 1 << 20;
const EDGE = 64 * 1024;

/** What identifies one source file's contents. */
export interface SourceStamp {
  file: string;
  size: number;
  mtimeMs: number;
  /** SHA-256 (hex) of the first and last 64 KiB. */
  edges: string;
}

type Kind = 'i32' | 'u8' | 'f64' | 'strings';

interface ColumnEntry {
  /** Property path inside the dataset (`relations.source`, `companies.attributes.x`). */
  path: string[];
  kind: Kind;
  count: number;
  /** Byte ranges in the file: one for a typed array, one per chunk of a string column. */
  parts: { offset: number; bytes: number; count: number }[];
}

interface Header {
  version: number;
  name: string;
  templates: Dataset['templates'];
  report: ValidationReport;
  manifest: LoadResult['manifest'];
  sources: SourceStamp[];
  /** Property paths of every object (so that empty ones, such as `attributes: {}`, return). */
  objects: string[][];
  columns: ColumnEntry[];
}

/** The prepared file of a dataset folder. */
export function preparedPath(dir: string): string {
  return join(dir, '.chainlens', 'prepared.bin');
}

function edgesHash(file: string, size: number): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(EDGE, size));
    readSync(fd, head, 0, head.length, 0);
    hash.update(head);
    if (size > EDGE) {
      const tail = Buffer.alloc(Math.min(EDGE, size - EDGE));
      readSync(fd, tail, 0, tail.length, size - tail.length);
      hash.update(tail);
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Stamps of every file of a dataset folder, outside `.chainlens/`, in path order. */
export function sourceStamps(dir: string): SourceStamp[] {
  const stamps: SourceStamp[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.chainlens') walk(full);
      } else if (entry.isFile()) {
        const st = statSync(full);
        stamps.push({
          file: relative(dir, full).split('\\').join('/'),
          size: st.size,
          mtimeMs: st.mtimeMs,
          edges: edgesHash(full, st.size),
        });
      }
    }
  };
  walk(dir);
  return stamps.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The first difference between stamps (a file and what changed), or null when equal. */
export function stampChange(
  before: SourceStamp[],
  now: SourceStamp[],
): { file: string; change: 'added' | 'removed' | 'size' | 'mtime' | 'contents' } | null {
  const old = new Map(before.map((s) => [s.file, s]));
  for (const s of now) {
    const o = old.get(s.file);
    if (!o) return { file: s.file, change: 'added' };
    if (o.size !== s.size) return { file: s.file, change: 'size' };
    if (o.mtimeMs !== s.mtimeMs) return { file: s.file, change: 'mtime' };
    if (o.edges !== s.edges) return { file: s.file, change: 'contents' };
    old.delete(s.file);
  }
  for (const file of old.keys()) return { file, change: 'removed' };
  return null;
}

/** The columns of a dataset (typed arrays and string arrays), by property path. */
function columnsOf(
  value: unknown,
  path: string[],
  out: { path: string[]; value: unknown }[],
  objects: string[][],
): void {
  if (
    value instanceof Int32Array ||
    value instanceof Uint8Array ||
    value instanceof Float64Array ||
    Array.isArray(value)
  ) {
    out.push({ path, value });
    return;
  }
  if (value === null || typeof value !== 'object') throw new Error(`unexpected ${path.join('.')}`);
  objects.push(path);
  for (const [k, v] of Object.entries(value)) columnsOf(v, [...path, k], out, objects);
}

/**
 * Writes the prepared form of a loaded dataset folder (through a temporary file renamed into
 * place, so that a reader never sees half a file). Returns the path and its size in bytes.
 */
export function writePrepared(
  dir: string,
  loaded: LoadResult,
  stamps = sourceStamps(dir),
): { path: string; bytes: number } {
  const { name, templates, ...tables } = loaded.dataset;
  const found: { path: string[]; value: unknown }[] = [];
  const objects: string[][] = [];
  columnsOf(tables, [], found, objects);
  const blobs: Uint8Array[][] = [];
  const columns: ColumnEntry[] = found.map(({ path, value }) => {
    if (Array.isArray(value)) {
      const chunks: Uint8Array[] = [];
      for (let a = 0; a < value.length || a === 0; a += STRING_CHUNK) {
        const part = (value as string[]).slice(a, a + STRING_CHUNK);
        if (part.some((s) => s.includes('\0')))
          throw new Error(`${path.join('.')}: a value holds a NUL character`);
        chunks.push(Buffer.from(part.join('\0'), 'utf8'));
        if (value.length === 0) break;
      }
      blobs.push(chunks);
      return {
        path,
        kind: 'strings',
        count: value.length,
        parts: chunks.map((c, k) => ({
          offset: 0,
          bytes: c.length,
          count: Math.min(STRING_CHUNK, value.length - k * STRING_CHUNK),
        })),
      };
    }
    const typed = value as Int32Array | Uint8Array | Float64Array;
    blobs.push([new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength)]);
    const kind: Kind =
      typed instanceof Int32Array ? 'i32' : typed instanceof Uint8Array ? 'u8' : 'f64';
    return {
      path,
      kind,
      count: typed.length,
      parts: [{ offset: 0, bytes: typed.byteLength, count: typed.length }],
    };
  });
  const header: Header = {
    version: VERSION,
    name,
    templates,
    report: loaded.report,
    manifest: loaded.manifest,
    sources: stamps,
    objects: objects.slice(1),
    columns,
  };
  // Offsets depend on the header's length, which depends on the offsets: lay out with a
  // generous fixed header size (the JSON padded with spaces).
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerBytes = (length: number) => Math.ceil((12 + length + 4096) / 8) * 8;
  let start = headerBytes(json.length);
  const layout = () => {
    let at = start;
    for (const c of columns)
      for (const p of c.parts) {
        p.offset = at;
        at += Math.ceil(p.bytes / 8) * 8;
      }
    return at;
  };
  let end = layout();
  json = Buffer.from(JSON.stringify(header), 'utf8');
  while (12 + json.length > start) {
    start = headerBytes(json.length);
    end = layout();
    json = Buffer.from(JSON.stringify(header), 'utf8');
  }
  const target = preparedPath(dir);
  mkdirSync(join(dir, '.chainlens'), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    const head = Buffer.alloc(start, 0x20);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(json.length, 8);
    json.copy(head, 12);
    writeSync(fd, head, 0, head.length, 0);
    columns.forEach((c, i) =>
      c.parts.forEach((p, k) => {
        const blob = blobs[i]![k]!;
        writeSync(fd, blob, 0, blob.length, p.offset);
      }),
    );
    ftruncateSync(fd, end);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, target);
  return { path: target, bytes: end };
}

function readHeader(fd: number): Header {
  const prefix = Buffer.alloc(12);
  readSync(fd, prefix, 0, 12, 0);
  if (prefix.toString('latin1', 0, 8) !== MAGIC) throw new Error('not a prepared dataset file');
  const json = Buffer.alloc(prefix.readUInt32LE(8));
  readSync(fd, json, 0, json.length, 12);
  return JSON.parse(json.toString('utf8')) as Header;
}

function readFully(fd: number, into: Uint8Array, position: number): void {
  let done = 0;
  while (done < into.length) {
    const n = readSync(fd, into, done, Math.min(into.length - done, 1 << 30), position + done);
    if (n === 0) throw new Error('prepared file is truncated');
    done += n;
  }
}

export type PreparedRead =
  | { state: 'none' }
  | { state: 'stale'; file: string; change: 'added' | 'removed' | 'size' | 'mtime' | 'contents' }
  | { state: 'old-format' }
  | { state: 'fresh'; result: LoadResult; bytes: number; files: number };

/**
 * Reads the prepared form of a dataset folder when there is one and the folder's files are
 * those it was prepared from; says why not otherwise.
 */
export function readPrepared(dir: string): PreparedRead {
  const file = preparedPath(dir);
  if (!existsSync(file)) return { state: 'none' };
  const fd = openSync(file, 'r');
  try {
    let header: Header;
    try {
      header = readHeader(fd);
    } catch {
      return { state: 'old-format' };
    }
    if (header.version !== VERSION) return { state: 'old-format' };
    const change = stampChange(header.sources, sourceStamps(dir));
    if (change) return { state: 'stale', ...change };
    const tables: Record<string, unknown> = {};
    const place = (path: string[], value: unknown) => {
      let at = tables;
      for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
      at[path[path.length - 1]!] = value;
    };
    for (const o of header.objects) place(o, {});
    for (const c of header.columns) {
      let value: unknown;
      if (c.kind === 'strings') {
        const strings: string[] = [];
        for (const p of c.parts) {
          if (p.count === 0) continue;
          const bytes = Buffer.alloc(p.bytes);
          readFully(fd, bytes, p.offset);
          const part = bytes.toString('utf8').split('\0');
          for (const s of part) strings.push(s);
        }
        value = strings;
      } else {
        const bytes = new Uint8Array(c.parts[0]!.bytes);
        readFully(fd, bytes, c.parts[0]!.offset);
        value =
          c.kind === 'i32'
            ? new Int32Array(bytes.buffer)
            : c.kind === 'u8'
              ? bytes
              : new Float64Array(bytes.buffer);
      }
      place(c.path, value);
    }
    const dataset = { name: header.name, ...tables, templates: header.templates } as Dataset;
    return {
      state: 'fresh',
      result: { dataset, report: header.report, manifest: header.manifest },
      bytes: statSync(file).size,
      files: header.sources.length,
    };
  } finally {
    closeSync(fd);
  }
}
