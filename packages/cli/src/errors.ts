/**
 * Errors of the command line that are not data errors (io's DataError: exit code 1), and
 * messages that are translated when they are printed: an error is thrown deep in a command
 * (a file check, an option value) before or without a translator at hand, so it carries its
 * message as a catalogue key with variables (`msg.t` with a `cli:` key and variables), its `message` is the
 * English text (for logs, tests and library callers), and program.ts prints it in the run's
 * language (`render`).
 */
import type { Translator } from '@chainlens/core';
import { DataError, dataErrorText } from '@chainlens/io';
import { EN } from './lang.js';

/** A message to translate later: a catalogue key and its variables (which may be messages). */
export interface Message {
  readonly key: string;
  readonly vars?: Readonly<Record<string, unknown>>;
}

/** Builds messages: `msg.t` takes a key (`cli:error.…`) and variables (the same shape as `Translator.t`). */
export const msg = {
  t: (key: string, vars?: Record<string, unknown>): Message => ({ key, ...(vars ? { vars } : {}) }),
};

function isMessage(x: unknown): x is Message {
  return typeof x === 'object' && x !== null && typeof (x as Message).key === 'string';
}

/** The text of a message (or of a plain string) in `tr`'s language; nested messages too. */
export function render(tr: Translator, m: Message | string): string {
  if (typeof m === 'string') return m;
  const vars: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m.vars ?? {})) vars[k] = isMessage(v) ? render(tr, v) : v;
  return tr.t(m.key, vars);
}

/** Bad usage detected after parsing (exit code 2); `message` is English. */
export class UsageError extends Error {
  readonly localized: Message | undefined;
  constructor(message: string | Message) {
    super(render(EN, message));
    this.localized = typeof message === 'string' ? undefined : message;
    this.name = 'UsageError';
  }
}

/** A DataError (exit code 1) of the CLI itself (a dataset or region not found), translated. */
export class CliDataError extends DataError {
  readonly localized: Message;
  constructor(message: Message) {
    super(render(EN, message));
    this.localized = message;
  }
}

/** An error's one-line text in `tr`'s language (its own message when it carries no key). */
export function errorText(tr: Translator, e: Error): string {
  const localized = (e as { localized?: Message }).localized;
  if (localized) return render(tr, localized);
  return e instanceof DataError ? dataErrorText(tr, e) : e.message;
}
