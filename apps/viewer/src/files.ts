/**
 * Files the user gives: a drop (files or whole folders, read through the entries API) or the
 * file / folder pickers. Each file keeps its path inside what was dropped, so a dataset
 * folder's manifest can name `templates/x.json`.
 */
import type { DroppedFile } from './protocol.js';

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry: FileSystemEntry, prefix: string, out: DroppedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    out.push({ path: prefix + entry.name, file });
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns at most 100 entries per call: read until it returns none.
    for (;;) {
      const batch = await readEntries(reader);
      if (batch.length === 0) break;
      for (const e of batch) await walk(e, `${prefix}${entry.name}/`, out);
    }
  }
}

/** The files of a drop, folders walked. */
export async function filesFromDrop(data: DataTransfer): Promise<DroppedFile[]> {
  const out: DroppedFile[] = [];
  const entries = [...data.items]
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => e !== null);
  if (entries.length > 0) {
    for (const e of entries) await walk(e, '', out);
    return out;
  }
  for (const file of data.files) out.push({ path: file.name, file });
  return out;
}

/** The files of an `<input type=file>` (with `webkitdirectory`, paths inside the folder). */
export function filesFromInput(input: HTMLInputElement): DroppedFile[] {
  return [...(input.files ?? [])].map((file) => ({
    path: file.webkitRelativePath || file.name,
    file,
  }));
}
