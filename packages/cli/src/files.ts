/**
 * Output files of the CLI, in one place: every `--out` path is checked before any work
 * (`checkOutputFile`, `checkReportFolder`: one line, exit 2), and every write goes to a
 * temporary file in the same folder that is renamed into place (`writeFileAtomic`,
 * `openAtomic` for streamed writes, `writeFileSet` for a set of files written as one unit), so
 * that a reader sees the old file or the whole new one, never half of it.
 *
 * A report folder carries a small marker file, `.chainlens-run`, with the content hash of each
 * file of the set chainlens wrote there. A folder may be written without `--force` when it is
 * new or empty, when its report files match its marker (the same command run again), or when it
 * holds only report files whose report.json chainlens generated (folders written before the
 * marker existed); any other file, or a report file changed since, needs `--force`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Message } from './errors.js';
import { UsageError, msg } from './errors.js';

/** The marker file of a report folder. */
export const RUN_MARKER = '.chainlens-run';

/** Folders of the kernel and devices: never a place for output files. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

/** Temporary files of an unfinished write: `.NAME.chainlens-tmp-PID-RANDOM`. */
const TEMP = /^\..*\.chainlens-tmp-\d+-[0-9a-f]+$/;

function stat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function systemFolder(path: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    real = resolve(path);
  }
  return SYSTEM_FOLDERS.find((s) => real === s || real.startsWith(`${s}${sep}`));
}

/**
 * Checks that files can be created in `dir` (the folder `what` goes into): it exists (or, with
 * `create`, its nearest existing ancestor does), is a folder, is not under /proc, /sys or /dev,
 * and is writable.
 */
function checkFolder(dir: string, what: string | Message, create: boolean): void {
  let existing = dir;
  if (create) {
    while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  }
  const st = stat(existing);
  const cannot = (reason: Message) =>
    new UsageError(msg.t('cli:files.cannotWrite', { what, reason }));
  if (!st) throw cannot(msg.t('cli:files.noFolder', { dir }));
  if (!st.isDirectory()) throw cannot(msg.t('cli:files.notAFolder', { dir: existing }));
  const system = systemFolder(existing);
  if (system) throw cannot(msg.t('cli:files.systemFolder', { dir: system }));
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw cannot(msg.t('cli:files.noPermission', { dir: existing }));
  }
}

/**
 * Fails with a one-line usage error, before any work, when `path` cannot be written as a file:
 * its folder is missing (unless `createFolders`), not a folder, a system folder or read-only,
 * or the path is a folder, a device, a pipe or a socket. An existing regular file is replaced.
 */
export function checkOutputFile(path: string, options: { createFolders?: boolean } = {}): void {
  if (path.trim() === '') throw new UsageError(msg.t('cli:files.needsFile'));
  const cannot = (reason: Message) =>
    new UsageError(msg.t('cli:files.cannotWrite', { what: path, reason }));
  if (/[\\/]$/.test(path)) throw cannot(msg.t('cli:files.namesFolder'));
  const st = stat(path);
  if (st?.isDirectory()) throw cannot(msg.t('cli:files.isFolder'));
  if (st && !st.isFile()) throw cannot(msg.t('cli:files.notRegular'));
  checkFolder(dirname(path), path, options.createFolders ?? false);
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

interface Marker {
  chainlens: string;
  run: string;
  files: Record<string, string>;
}

function readMarker(dir: string): Marker | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, RUN_MARKER), 'utf8')) as Marker;
    return typeof m.files === 'object' && m.files !== null ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Whether report.json in `dir` is one chainlens wrote (a folder from before the marker). */
function generatedByChainlens(dir: string): boolean {
  try {
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
      generator?: { name?: string };
    };
    return json.generator?.name === 'chainlens';
  } catch {
    return false;
  }
}

const list = (names: string[]): Message =>
  names.length > 3
    ? msg.t('cli:files.listMore', { names: names.slice(0, 3).join(', '), more: names.length - 3 })
    : msg.t('cli:files.list', { names: names.join(', ') });

/**
 * Fails with a one-line usage error, before any work, when the set of files `names` cannot be
 * written into `dir` (created when missing): see the module notes for when `force` is needed.
 */
export function checkReportFolder(dir: string, names: readonly string[], force: boolean): void {
  if (dir.trim() === '') throw new UsageError(msg.t('cli:files.needsFolder'));
  const st = stat(dir);
  const what = msg.t('cli:files.reportInto', { dir });
  if (st && !st.isDirectory()) {
    throw new UsageError(
      msg.t('cli:files.cannotWrite', { what, reason: msg.t('cli:files.isFile') }),
    );
  }
  checkFolder(dir, what, true);
  if (!st || force) return;
  const entries = readdirSync(dir).filter((e) => !TEMP.test(e));
  const foreign = entries.filter((e) => e !== RUN_MARKER && !names.includes(e));
  if (foreign.length > 0) {
    throw new UsageError(msg.t('cli:files.foreign', { dir, files: list(foreign) }));
  }
  const present = entries.filter((e) => names.includes(e));
  if (present.length === 0) return;
  const marker = readMarker(dir);
  if (!marker) {
    if (!entries.includes(RUN_MARKER) && generatedByChainlens(dir)) return;
    throw new UsageError(
      msg.t('cli:files.unmarked', { dir, files: list(present), marker: RUN_MARKER }),
    );
  }
  const changed = present.filter((e) => marker.files[e] !== sha256(readFileSync(join(dir, e))));
  if (changed.length > 0) {
    throw new UsageError(
      msg.t('cli:files.changed', { dir, files: list(changed), count: changed.length }),
    );
  }
}

function reason(e: unknown, path: string): Message | string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM'
    ? msg.t('cli:files.reason.permission')
    : code === 'ENOSPC'
      ? msg.t('cli:files.reason.noSpace')
      : code === 'EDQUOT'
        ? msg.t('cli:files.reason.quota')
        : code === 'ENOENT'
          ? msg.t('cli:files.noFolder', { dir: dirname(path) })
          : code === 'EISDIR'
            ? msg.t('cli:files.isFolder')
            : code === 'EEXIST' || code === 'ENOTDIR'
              ? msg.t('cli:files.reason.inTheWay')
              : code === 'EROFS'
                ? msg.t('cli:files.reason.readOnly')
                : (e as Error).message.split('\n')[0]!;
}

function tempPath(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.chainlens-tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** A file being written: `write` pieces, then `commit` (rename into place) or `abort`. */
export interface AtomicFile {
  readonly path: string;
  write(data: string | Uint8Array): void;
  /** Flushes the temporary file and renames it over `path`; returns the bytes written. */
  commit(): number;
  /** Removes the temporary file; `path` keeps its old content. Safe to call twice. */
  abort(): void;
}

/**
 * Opens a temporary file beside `path` for a streamed write. Errors are one-line usage
 * errors naming `path`; on any error the temporary file is removed and `path` is untouched.
 */
export function openAtomic(path: string): AtomicFile {
  const temp = tempPath(path);
  let fd: number | undefined;
  let bytes = 0;
  let done = false;
  const abort = () => {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // closed
      }
      fd = undefined;
    }
    if (!done) removeQuietly(temp);
    done = true;
  };
  const fail = (e: unknown): never => {
    abort();
    throw new UsageError(msg.t('cli:files.cannotWrite', { what: path, reason: reason(e, path) }));
  };
  try {
    fd = openSync(temp, 'wx');
    const old = stat(path);
    if (old?.isFile()) fchmodSync(fd, old.mode & 0o777);
  } catch (e) {
    fail(e);
  }
  return {
    path,
    write(data) {
      if (fd === undefined) throw new Error(`${path}: write after commit or abort`);
      try {
        bytes += typeof data === 'string' ? writeSync(fd, data) : writeSync(fd, data);
      } catch (e) {
        fail(e);
      }
    },
    commit() {
      if (fd === undefined) throw new Error(`${path}: commit after commit or abort`);
      try {
        closeSync(fd);
        fd = undefined;
        renameSync(temp, path);
        done = true;
      } catch (e) {
        fail(e);
      }
      return bytes;
    },
    abort,
  };
}

/** Writes `data` to `path` through a temporary file renamed into place; returns the bytes. */
export function writeFileAtomic(path: string, data: string | Uint8Array): number {
  const file = openAtomic(path);
  try {
    file.write(data);
  } catch (e) {
    file.abort();
    throw e;
  }
  return file.commit();
}

/**
 * Writes files as one unit: each to a temporary file beside it, and only when every one is
 * written are they renamed into place, in order. On an error before the renames every temporary
 * file is removed and the old files are untouched. Returns the bytes of each file.
 */
export function writeFilesTogether(
  files: [path: string, data: string | Uint8Array][],
  afterTemps?: () => void,
): number[] {
  const open: AtomicFile[] = [];
  try {
    for (const [path, data] of files) {
      const file = openAtomic(path);
      open.push(file);
      file.write(data);
    }
    afterTemps?.();
  } catch (e) {
    for (const file of open) file.abort();
    throw e;
  }
  return open.map((file) => file.commit());
}

/**
 * Writes a set of files into `dir` (created when missing) as one unit: every file goes to a
 * temporary file first, and only when all are written are they renamed into place, followed by
 * the marker (`RUN_MARKER`: the content hash of each file and of the set). `afterTemps` runs
 * between the two steps (tests inject a failure there). Returns the paths written.
 */
export function writeFileSet(
  dir: string,
  files: Record<string, string | Uint8Array>,
  afterTemps?: () => void,
): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(msg.t('cli:files.cannotCreate', { dir, reason: reason(e, dir) }));
  }
  const hashes: Record<string, string> = {};
  for (const [name, data] of Object.entries(files)) hashes[name] = sha256(data);
  const marker: Marker = {
    chainlens: 'report folder: the files of the last run, by content hash (sha256)',
    run: sha256(
      Object.entries(hashes)
        .map(([n, h]) => `${n} ${h}`)
        .join('\n'),
    ).slice(0, 16),
    files: hashes,
  };
  writeFilesTogether(
    [
      ...Object.entries(files).map(([name, data]): [string, string | Uint8Array] => [
        join(dir, name),
        data,
      ]),
      // The marker comes last: a set cut short while renaming does not match its marker.
      [join(dir, RUN_MARKER), `${JSON.stringify(marker, null, 2)}\n`],
    ],
    afterTemps,
  );
  return Object.keys(files).map((name) => join(dir, name));
}
