/**
 * A guard in front of apache-arrow's `tableFromIPC`: the IPC framing and every size the file
 * declares are checked against the bytes that are there, before anything is decoded.
 *
 * Why: `tableFromIPC` trusts the file. A few flipped bytes in a 1.6 KB file (a footer whose
 * record batch block points at a message of another kind, a metadata length of -16) make it loop for ever (issue
 * 14; packages/io/test/fixtures/arrow-hang-*.arrow are such files). The guard reads the
 * flatbuffer metadata itself, with every read bounds-checked, and refuses a file whose
 * messages, vectors, buffers or row counts do not fit in it, or whose footer points at a
 * message of the wrong kind. Every loop of the decoder is then bounded by the file's size.
 *
 * Refs: Arrow columnar format, "Serialization and Interprocess Communication (IPC)" (the
 * encapsulated message format and the file format), and format/Message.fbs, Schema.fbs.
 */

/** Rows a table may declare in all (the whole bundled cn-listed has 4,689 companies). */
export const ARROW_ROW_LIMIT = 50_000_000;
/** Fields of a schema, nested ones included, and their depth. */
const FIELD_LIMIT = 10_000;
const DEPTH_LIMIT = 64;

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

/** Message header types (Message.fbs `MessageHeader`). */
const SCHEMA = 1;
const DICTIONARY_BATCH = 2;
const RECORD_BATCH = 3;

/** The reason a file is refused; the caller adds the file's name. */
export class ArrowGuardError extends Error {}

/**
 * A bounds-checked view of flatbuffer tables inside `[start, end)` of `bytes`: any offset that
 * leads outside throws, so a corrupt offset is an error, never a read of zeros (what the
 * flatbuffers runtime does) or a loop over a garbage length.
 */
class Flat {
  private readonly view: DataView;
  constructor(
    bytes: Uint8Array,
    private readonly start: number,
    private readonly end: number,
    private readonly what: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private check(at: number, size: number): number {
    if (!Number.isInteger(at) || at < this.start || at + size > this.end)
      throw new ArrowGuardError(`${this.what}: an offset points outside its metadata`);
    return at;
  }
  u8(at: number) {
    return this.view.getUint8(this.check(at, 1));
  }
  u16(at: number) {
    return this.view.getUint16(this.check(at, 2), true);
  }
  i32(at: number) {
    return this.view.getInt32(this.check(at, 4), true);
  }
  u32(at: number) {
    return this.view.getUint32(this.check(at, 4), true);
  }
  /** A 64-bit integer as a number; above 2^53 (never a real size here) it is refused. */
  i64(at: number): number {
    const v = this.view.getBigInt64(this.check(at, 8), true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER))
      throw new ArrowGuardError(`${this.what}: a size of ${v} is out of range`);
    return Number(v);
  }
  /** The root table's position. */
  root(): number {
    return this.start + this.u32(this.start);
  }
  /** Position of field `i` of the table at `t`, or undefined when absent. */
  field(t: number, i: number): number | undefined {
    const vt = t - this.i32(t);
    const vtSize = this.u16(vt);
    // The whole vtable inside the metadata (the flatbuffers runtime reads its size as a signed
    // 16-bit number, so a size above 32,767 would make it see no field at all).
    if (vtSize < 4 || vtSize % 2 !== 0 || vtSize > 0x7fff || vt + vtSize > this.end)
      throw new ArrowGuardError(`${this.what}: a corrupt table`);
    if (4 + 2 * i >= vtSize) return undefined;
    const off = this.u16(vt + 4 + 2 * i);
    return off === 0 ? undefined : this.check(t + off, 1);
  }
  /** The table an offset field points to. */
  table(t: number, i: number): number | undefined {
    const f = this.field(t, i);
    return f === undefined ? undefined : this.check(f + this.u32(f), 4);
  }
  /** A vector field: its first element's position and its length, checked to fit. */
  vector(t: number, i: number, elementSize: number): { at: number; length: number } {
    const f = this.field(t, i);
    if (f === undefined) return { at: 0, length: 0 };
    const v = this.check(f + this.u32(f), 4);
    const length = this.u32(v);
    if (length * elementSize > this.end - (v + 4))
      throw new ArrowGuardError(
        `${this.what}: a list declares ${length.toLocaleString('en-US')} entries, more than its metadata can hold`,
      );
    return { at: v + 4, length };
  }
}

/** Checks a schema's fields (Schema.fbs `Field`, children at index 5): count and depth. */
function checkFields(fb: Flat, schema: number): void {
  let seen = 0;
  const walk = (table: number, index: number, depth: number) => {
    if (depth > DEPTH_LIMIT)
      throw new ArrowGuardError(`the schema nests fields more than ${DEPTH_LIMIT} deep`);
    const v = fb.vector(table, index, 4);
    for (let k = 0; k < v.length; k++) {
      if (++seen > FIELD_LIMIT)
        throw new ArrowGuardError(`the schema has more than ${FIELD_LIMIT} fields`);
      const at = v.at + 4 * k;
      walk(at + fb.u32(at), 5, depth + 1);
    }
  };
  walk(schema, 1, 0);
}

/** Checks a RecordBatch table (Message.fbs): rows, field nodes and buffers against its body. */
function checkBatch(fb: Flat, rb: number, body: number, what: string): number {
  const lengthAt = fb.field(rb, 0);
  const rows = lengthAt === undefined ? 0 : fb.i64(lengthAt);
  // A row costs at least one bit of body for any column that holds text or numbers (validity,
  // booleans); more rows than 8 per body byte is a lie the decoder would loop over.
  const most = 8 * body + 64;
  if (rows < 0 || rows > most)
    throw new ArrowGuardError(
      `${what} declares ${rows.toLocaleString('en-US')} rows in a body of ${body.toLocaleString('en-US')} bytes`,
    );
  const nodes = fb.vector(rb, 1, 16);
  for (let k = 0; k < nodes.length; k++) {
    const n = fb.i64(nodes.at + 16 * k);
    const nulls = fb.i64(nodes.at + 16 * k + 8);
    if (n < 0 || n > most || nulls < 0 || nulls > n)
      throw new ArrowGuardError(`${what}: column ${k + 1} declares ${n} values, ${nulls} null`);
  }
  const buffers = fb.vector(rb, 2, 16);
  for (let k = 0; k < buffers.length; k++) {
    const offset = fb.i64(buffers.at + 16 * k);
    const length = fb.i64(buffers.at + 16 * k + 8);
    if (offset < 0 || length < 0 || offset + length > body)
      throw new ArrowGuardError(
        `${what}: buffer ${k + 1} (${length} bytes at ${offset}) lies outside the message body of ${body} bytes`,
      );
  }
  return rows;
}

/**
 * Random access to the bytes of an Arrow file: `read(pos, length)` returns the bytes there (fewer
 * at the end of the file). A file read whole, or a file handle read in pieces (a file too big to
 * hold: only the footer and the messages' metadata are read).
 */
export interface ArrowSource {
  size: number;
  read(pos: number, length: number): Uint8Array;
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const int32 = (bytes: Uint8Array, at: number) =>
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(at, true);

interface State {
  src: ArrowSource;
  rows: number;
  schemaSeen: boolean;
}

/**
 * Checks the encapsulated message at `pos` (continuation marker or not, metadata length,
 * flatbuffer Message, body) within `[pos, end)`; returns the position after its body, or -1 at
 * an end-of-stream marker.
 */
function checkMessage(st: State, pos: number, end: number, what: string, expect?: number): number {
  const prefix = st.src.read(pos, 8);
  if (end - pos < 4 || prefix.length < 4) throw new ArrowGuardError(`${what} is cut short`);
  let length = int32(prefix, 0);
  pos += 4;
  if (length === -1) {
    // Continuation marker, then the metadata length.
    if (end - pos < 4 || prefix.length < 8) throw new ArrowGuardError(`${what} is cut short`);
    length = int32(prefix, 4);
    pos += 4;
  }
  if (length === 0) return -1; // end of stream
  if (length < 8 || length > end - pos)
    throw new ArrowGuardError(
      `${what} declares ${length} bytes of metadata; ${Math.max(0, end - pos)} remain`,
    );
  const fb = new Flat(st.src.read(pos, length), 0, length, what);
  const message = fb.root();
  const typeAt = fb.field(message, 1);
  const type = typeAt === undefined ? 0 : fb.u8(typeAt);
  const bodyAt = fb.field(message, 3);
  const body = bodyAt === undefined ? 0 : fb.i64(bodyAt);
  const after = pos + length;
  if (body < 0 || body > end - after)
    throw new ArrowGuardError(
      `${what} declares a body of ${body.toLocaleString('en-US')} bytes; ${(end - after).toLocaleString('en-US')} remain`,
    );
  const header = fb.table(message, 2);
  if (header === undefined) throw new ArrowGuardError(`${what} has no header`);
  // A file's block must hold the kind of message the footer says: apache-arrow's file reader
  // steps to the next record batch only when it reads one, and would read the same block again
  // and again.
  if (expect !== undefined && type !== expect)
    throw new ArrowGuardError(`${what} holds a message of type ${type}, not ${expect}`);
  if (type === SCHEMA) {
    if (st.schemaSeen) throw new ArrowGuardError(`${what} is a second schema`);
    st.schemaSeen = true;
    checkFields(fb, header);
  } else if (type === RECORD_BATCH || type === DICTIONARY_BATCH) {
    if (!st.schemaSeen) throw new ArrowGuardError(`${what} comes before the schema`);
    const rb = type === RECORD_BATCH ? header : fb.table(header, 1);
    if (rb === undefined) throw new ArrowGuardError(`${what}: a dictionary without data`);
    const n = checkBatch(fb, rb, body, what);
    if (type === RECORD_BATCH) st.rows += n;
    if (st.rows > ARROW_ROW_LIMIT)
      throw new ArrowGuardError(
        `it declares more than ${ARROW_ROW_LIMIT.toLocaleString('en-US')} rows (the limit)`,
      );
  } else throw new ArrowGuardError(`${what} has an unsupported type (${type})`);
  return after + body;
}

/**
 * Checks an Arrow IPC file or stream (see the module comment) before it is decoded. Throws
 * ArrowGuardError with the reason when the framing or a declared size does not fit the bytes,
 * or the file declares more than ARROW_ROW_LIMIT rows.
 *
 * Stream: every message in turn. File (ARROW1 magic at both ends): the footer (Footer in
 * File.fbs: the schema, and the blocks of dictionaries and record batches, which is what the
 * decoder follows), then the message of every block.
 */
export function guardArrow(bytes: Uint8Array): void {
  guardArrowSource({
    size: bytes.length,
    read: (pos, length) => bytes.subarray(pos, pos + length),
  });
}

/** `guardArrow` on a source read in pieces (see ArrowSource). */
export function guardArrowSource(src: ArrowSource): void {
  const st: State = { src, rows: 0, schemaSeen: false };
  const size = src.size;
  if (!startsWith(src.read(0, 6), MAGIC)) {
    let pos = 0;
    for (let index = 1; pos < size; index++) {
      pos = checkMessage(st, pos, size, `message ${index} (byte ${pos})`);
      if (pos < 0) break;
    }
    if (!st.schemaSeen) throw new ArrowGuardError('it has no schema');
    return;
  }
  // File format: magic, padding to 8, messages, the footer, its int32 length, magic.
  const tail = size >= 18 ? src.read(size - 10, 10) : new Uint8Array(0);
  if (tail.length < 10 || !startsWith(tail.subarray(4), MAGIC))
    throw new ArrowGuardError('the file is cut short: it does not end with the ARROW1 magic');
  const footerLength = int32(tail, 0);
  if (footerLength <= 0 || footerLength > size - 18)
    throw new ArrowGuardError(
      `the footer declares ${footerLength} bytes, but the file has ${size.toLocaleString('en-US')}`,
    );
  const footerStart = size - 10 - footerLength;
  const fb = new Flat(src.read(footerStart, footerLength), 0, footerLength, 'the footer');
  const footer = fb.root();
  const schema = fb.table(footer, 1);
  if (schema === undefined) throw new ArrowGuardError('the footer has no schema');
  checkFields(fb, schema);
  st.schemaSeen = true;
  // Block (File.fbs): offset int64, metaDataLength int32, padding, bodyLength int64.
  for (const [index, name, type] of [
    [2, 'dictionary', DICTIONARY_BATCH],
    [3, 'record batch', RECORD_BATCH],
  ] as const) {
    const blocks = fb.vector(footer, index, 24);
    for (let k = 0; k < blocks.length; k++) {
      const at = blocks.at + 24 * k;
      const offset = fb.i64(at);
      const meta = fb.i32(at + 8);
      const body = fb.i64(at + 16);
      const what = `${name} ${k + 1} (byte ${offset})`;
      if (offset < 8 || meta < 8 || body < 0 || offset + meta + body > footerStart)
        throw new ArrowGuardError(`${what} lies outside the file's ${footerStart} bytes of data`);
      checkMessage(st, offset, offset + meta + body, what, type);
    }
  }
}
