/**
 * What io's CSV/TSV readers do with each record papaparse hands over, shared by `scanDelimited`
 * (the whole text) and @chainlens/scale's streamed reader (text in chunks): the first record is
 * the header (`checkHeader`), the others rows (`cellProblem` unless the caller checks cells
 * itself), and a parse error stops the scan with a TableError that counts the lines not read.
 */
import { TableError, cellProblem, checkHeader, linesFrom } from './table.js';
import type { TableSink } from './table.js';

export class DelimitedRows {
  /** Why the scan stopped (a malformed record or header), once it has. */
  failure: TableError | undefined;
  private first = true;
  private header: string[] = [];

  constructor(
    private readonly sink: TableSink,
    private readonly checkCells = true,
  ) {}

  /** Whether the header has been read. */
  get started(): boolean {
    return !this.first;
  }

  /**
   * Hands one record on, reported at `line` (its first line); `controls` says whether the text
   * may hold a control character. `text` with the record's start and end offsets in it counts
   * the lines left unread on a failure. Returns false when the scan must stop (see `failure`).
   */
  record(
    data: string[],
    error: { message: string; code?: string } | undefined,
    line: number,
    controls: boolean,
    text: string,
    startAt: number,
    endAt: number,
  ): boolean {
    if (error) {
      this.failure = new TableError(
        'malformed-csv',
        { reason: error.message.toLowerCase(), parser: error.code, line },
        line,
      );
      this.failure.unread = linesFrom(text, startAt);
      return false;
    }
    if (this.first) {
      this.first = false;
      try {
        this.header = checkHeader(data);
        this.sink.header(this.header);
      } catch (e) {
        if (!(e instanceof TableError)) throw e;
        e.unread = linesFrom(text, endAt);
        this.failure = e;
        return false;
      }
      return true;
    }
    const problem = this.checkCells ? cellProblem(data, this.header, controls) : undefined;
    if (problem) this.sink.bad(line, problem.code, problem.message, problem.column);
    else this.sink.row(data, line);
    return true;
  }
}

/** The error of a text with no header row. */
export function emptyFileError(): TableError {
  return new TableError('empty-file', {});
}
