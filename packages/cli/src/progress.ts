/**
 * Progress of long steps (loading, betweenness, resolution…): a bar on a terminal, plain lines
 * when stderr is not a terminal (CI logs, pipes), nothing with --quiet. Progress goes to stderr
 * so that stdout stays the result.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Starts a step of `total` units (e.g. sources); `label` names it. */
  start(label: string, total: number): void;
  /** Reports `done` units finished (absolute, not an increment). */
  update(done: number): void;
  /** Ends the current step. */
  stop(): void;
}

export interface ProgressOptions {
  quiet?: boolean;
  /** Where to write; stderr by default. */
  stream?: NodeJS.WriteStream;
  /** Plain lines at most this often (ms) when not on a terminal. Default 2000. */
  interval?: number;
}

export const silentProgress: Progress = { start() {}, update() {}, stop() {} };

export function createProgress(options: ProgressOptions = {}): Progress {
  if (options.quiet) return silentProgress;
  const stream = options.stream ?? process.stderr;
  if (stream.isTTY) {
    let bar: cliProgress.SingleBar | undefined;
    return {
      start(label, total) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted} elapsed, ETA {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      },
      update(done) {
        bar?.update(done);
      },
      stop() {
        bar?.stop();
        bar = undefined;
      },
    };
  }
  // Not a terminal: a line when a step starts, every `interval` ms, and when it ends.
  const interval = options.interval ?? 2000;
  let label = '';
  let total = 0;
  let done = 0;
  let started = 0;
  let last = 0;
  const line = (text: string) => stream.write(`${text}\n`);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return {
    start(l, t) {
      label = l;
      total = t;
      done = 0;
      started = last = Date.now();
      line(`${label}: started (${t.toLocaleString('en-US')} to do)`);
    },
    update(d) {
      done = d;
      const now = Date.now();
      if (now - last < interval || total === 0) return;
      last = now;
      // A total may be an estimate (rows of a CSV guessed from its size): past it, say so.
      if (done >= total) {
        line(
          `${label}: ${done.toLocaleString('en-US')} done (estimated ${total.toLocaleString('en-US')}), ${seconds(now - started)} elapsed`,
        );
        return;
      }
      const eta = done > 0 ? ((now - started) * (total - done)) / done : 0;
      line(
        `${label}: ${Math.floor((100 * done) / total)}% (${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}), ${seconds(now - started)} elapsed, about ${seconds(eta)} left`,
      );
    },
    stop() {
      if (!label) return;
      line(`${label}: done in ${seconds(Date.now() - started)}`);
      label = '';
    },
  };
}
