/**
 * Company id → index look-ups without a string per look-up: an open-addressing hash table over
 * the UTF-8 bytes of the ids (FNV-1a, linear probing), so a UTF-8 cell of an Arrow column
 * (offsets into one byte buffer) resolves straight from its bytes. 5M ids cost their bytes
 * (~18 B each) plus 12 bytes of table per id.
 */

const encoder = new TextEncoder();

/** FNV-1a over bytes[start, end). */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h | 0;
}

export class ByteIdIndex {
  private readonly bytes: Uint8Array;
  private readonly starts: Int32Array;
  private readonly hashes: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** Indexes `ids` (index = position); a repeated id keeps its first position. */
  constructor(ids: readonly string[]) {
    const n = ids.length;
    const starts = new Int32Array(n + 1);
    let total = 0;
    const encoded: Uint8Array[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const b = encoder.encode(ids[i]!);
      encoded[i] = b;
      total += b.length;
      starts[i + 1] = total;
    }
    const bytes = new Uint8Array(total);
    for (let i = 0; i < n; i++) bytes.set(encoded[i]!, starts[i]!);
    let capacity = 16;
    while (capacity < n * 2) capacity *= 2;
    this.bytes = bytes;
    this.starts = starts;
    this.hashes = new Int32Array(n);
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let i = 0; i < n; i++) {
      const h = hashBytes(bytes, starts[i]!, starts[i + 1]!);
      this.hashes[i] = h;
      if (this.find(bytes, starts[i]!, starts[i + 1]!, h) >= 0) continue;
      let p = h & this.mask;
      while (this.slots[p] !== -1) p = (p + 1) & this.mask;
      this.slots[p] = i;
    }
  }

  private find(cell: Uint8Array, start: number, end: number, h: number): number {
    const { bytes, starts, hashes, slots, mask } = this;
    const length = end - start;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const i = slots[p]!;
      if (i === -1) return -1;
      if (hashes[i] !== h) continue;
      const s = starts[i]!;
      if (starts[i + 1]! - s !== length) continue;
      let k = 0;
      while (k < length && bytes[s + k] === cell[start + k]) k++;
      if (k === length) return i;
    }
  }

  /** Index of the id whose UTF-8 bytes are cell[start, end), or −1. */
  getBytes(cell: Uint8Array, start: number, end: number): number {
    return this.find(cell, start, end, hashBytes(cell, start, end));
  }

  /** Index of an id given as a string, or −1. */
  get(id: string): number {
    const b = encoder.encode(id);
    return this.getBytes(b, 0, b.length);
  }
}
