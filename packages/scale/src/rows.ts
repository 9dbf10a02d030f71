/**
 * Relation rows stored by record number (1-based, as files number them) in fixed blocks of
 * typed arrays, so that rows may arrive in any order (DuckDB's parallel join) and no array is
 * ever copied to grow. `columns()` packs the accepted rows, in record order, into the exact-size
 * columns of a `RelationTable`.
 */
import type { RelationTable } from '@chainlens/core';

const BLOCK_BITS = 20;
const BLOCK = 1 << BLOCK_BITS;

/** Row states. */
export const UNSET = 0;
export const ACCEPTED = 1;
/** A row the fast path could not vouch for: io's validator decides (and reports) it. */
export const CHECK = 2;

interface Block {
  source: Int32Array;
  target: Int32Array;
  type: Uint8Array;
  weight: Float64Array;
  state: Uint8Array;
  /** Extra columns' cells, when kept. */
  extras?: string[][];
}

export class RowStore {
  private readonly blocks: Block[] = [];
  /** Highest record number seen. */
  records = 0;
  accepted = 0;
  toCheck = 0;

  constructor(readonly extraColumns: number = 0) {}

  private block(record: number): Block {
    const b = (record - 1) >>> BLOCK_BITS;
    while (this.blocks.length <= b) this.blocks.push(undefined as unknown as Block);
    let block = this.blocks[b];
    if (!block) {
      block = {
        source: new Int32Array(BLOCK),
        target: new Int32Array(BLOCK),
        type: new Uint8Array(BLOCK),
        weight: new Float64Array(BLOCK),
        state: new Uint8Array(BLOCK),
      };
      if (this.extraColumns > 0) {
        block.extras = Array.from({ length: this.extraColumns }, () => new Array<string>(BLOCK));
      }
      this.blocks[b] = block;
    }
    if (record > this.records) this.records = record;
    return block;
  }

  /** Stores an accepted row. */
  accept(
    record: number,
    source: number,
    target: number,
    type: number,
    weight: number,
    extras?: string[],
  ): void {
    const block = this.block(record);
    const i = (record - 1) & (BLOCK - 1);
    if (block.state[i] !== ACCEPTED) this.accepted++;
    if (block.state[i] === CHECK) this.toCheck--;
    block.state[i] = ACCEPTED;
    block.source[i] = source;
    block.target[i] = target;
    block.type[i] = type;
    block.weight[i] = weight;
    if (extras && block.extras)
      for (let c = 0; c < extras.length; c++) block.extras[c]![i] = extras[c]!;
  }

  /** Marks a row for io's validator. */
  check(record: number): void {
    const block = this.block(record);
    const i = (record - 1) & (BLOCK - 1);
    if (block.state[i] === UNSET) {
      block.state[i] = CHECK;
      this.toCheck++;
    }
  }

  state(record: number): number {
    const block = this.blocks[(record - 1) >>> BLOCK_BITS];
    return block ? block.state[(record - 1) & (BLOCK - 1)]! : UNSET;
  }

  /** Record numbers of the rows to check, ascending. */
  checkList(): Int32Array {
    const list = new Int32Array(this.toCheck);
    let k = 0;
    this.blocks.forEach((block, b) => {
      if (!block) return;
      for (let i = 0; i < BLOCK; i++)
        if (block.state[i] === CHECK) list[k++] = (b << BLOCK_BITS) + i + 1;
    });
    return list;
  }

  /** The accepted rows in record order as relation columns; the blocks are released. */
  columns(extraNames: readonly string[] = []): RelationTable {
    const m = this.accepted;
    const source = new Int32Array(m);
    const target = new Int32Array(m);
    const type = new Uint8Array(m);
    const weight = new Float64Array(m);
    const attributes: Record<string, string[]> = {};
    const extras = extraNames.map(() => new Array<string>(m));
    let k = 0;
    for (let b = 0; b < this.blocks.length; b++) {
      const block = this.blocks[b];
      if (!block) continue;
      const rows = Math.min(BLOCK, this.records - (b << BLOCK_BITS));
      for (let i = 0; i < rows; i++) {
        if (block.state[i] !== ACCEPTED) continue;
        source[k] = block.source[i]!;
        target[k] = block.target[i]!;
        type[k] = block.type[i]!;
        weight[k] = block.weight[i]!;
        if (block.extras)
          for (let c = 0; c < extras.length; c++) extras[c]![k] = block.extras[c]![i]!;
        k++;
      }
      this.blocks[b] = undefined as unknown as Block;
    }
    extraNames.forEach((name, c) => {
      Object.defineProperty(attributes, name, {
        value: extras[c],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
    return { source, target, type, weight, attributes };
  }
}
