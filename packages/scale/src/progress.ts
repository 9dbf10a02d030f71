/**
 * Progress of long steps, as the CLI's reporter (`packages/cli/src/progress.ts`) takes it:
 * `start(label, total)`, `update(done)`, `stop()`. The scale package only calls it; the CLI
 * passes its reporter (a bar with an ETA on a terminal, plain lines otherwise).
 */
export interface Progress {
  start(label: string, total: number): void;
  update(done: number): void;
  stop(): void;
}

/**
 * What a reader reports into: `update(done)` with rows done; `start(total)` when it learns the
 * total (a Parquet file's row count).
 */
export interface ProgressSink {
  update(done: number): void;
  start?(total: number): void;
}

export const silentProgress: ProgressSink = { update() {} };

/**
 * A step of `progress` labelled `label` with an estimated `total` (replaced when the reader
 * learns the exact one), as a sink for readers.
 */
export function progressStep(
  progress: Progress | undefined,
  label: string,
  total: number,
): ProgressSink & { stop(): void } {
  if (!progress) return { update() {}, stop() {} };
  progress.start(label, total);
  return {
    update: (done) => progress.update(done),
    start: (exact) => {
      progress.stop();
      progress.start(label, exact);
    },
    stop: () => progress.stop(),
  };
}
