/**
 * Progress of long steps (loading, betweenness, resolution…): a bar on a terminal, plain lines
 * when stderr is not a terminal (CI logs, pipes), nothing with --quiet. Progress goes to stderr
 * so that stdout stays the result.
 */
import cliProgress from 'cli-progress';
import type { Translator } from '@chainlens/core';
import { EN } from './lang.js';

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
  /** The language of the lines and of the step names [English]. */
  tr?: Translator;
}

/**
 * A step's name in the run's language: its first word (`relations`, `betweenness`, …) looked up
 * in the catalogue (`cli:progress.step.WORD`), the rest (a file name, `(k=256)`) kept.
 */
export function stepLabel(tr: Translator, label: string): string {
  const m = /^([\w-]+)(.*)$/.exec(label);
  if (!m) return label;
  return tr.t(`cli:progress.step.${m[1]!}`, { defaultValue: m[1]! }) + m[2]!;
}

/** Steps that read a table (their totals are rows). */
const READ_STEPS = new Set([
  'companies',
  'memberships',
  'relations',
  'products',
  'productLinks',
  'edges',
]);

export const silentProgress: Progress = { start() {}, update() {}, stop() {} };

export function createProgress(options: ProgressOptions = {}): Progress {
  if (options.quiet) return silentProgress;
  const stream = options.stream ?? process.stderr;
  const tr = options.tr ?? EN;
  const n = (x: number) => tr.count(x);
  if (stream.isTTY) {
    let bar: cliProgress.SingleBar | undefined;
    return {
      start(label, total) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: tr.t('cli:progress.bar', { label: stepLabel(tr, label) }),
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
  const seconds = (ms: number) => tr.t('cli:progress.seconds', { s: (ms / 1000).toFixed(1) });
  return {
    start(l, t) {
      label = stepLabel(tr, l);
      total = t;
      done = 0;
      started = last = Date.now();
      // Reading a table counts rows; analysis and metrics count steps.
      const rows = READ_STEPS.has(/^[\w-]+/.exec(l)?.[0] ?? '');
      line(
        tr.t(rows ? 'cli:progress.startedRows' : 'cli:progress.started', { label, total: n(t) }),
      );
    },
    update(d) {
      done = d;
      const now = Date.now();
      if (now - last < interval || total === 0) return;
      last = now;
      // A total may be an estimate (rows of a CSV guessed from its size): past it, say so.
      if (done >= total) {
        line(
          tr.t('cli:progress.pastEstimate', {
            label,
            done: n(done),
            total: n(total),
            elapsed: seconds(now - started),
          }),
        );
        return;
      }
      const eta = done > 0 ? ((now - started) * (total - done)) / done : 0;
      line(
        tr.t('cli:progress.update', {
          label,
          percent: Math.floor((100 * done) / total),
          done: n(done),
          total: n(total),
          elapsed: seconds(now - started),
          left: seconds(eta),
        }),
      );
    },
    stop() {
      if (!label) return;
      line(tr.t('cli:progress.done', { label, elapsed: seconds(Date.now() - started) }));
      label = '';
    },
  };
}
