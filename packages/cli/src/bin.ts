#!/usr/bin/env node
import { sanitizeTerminal } from './output.js';
import { EN, runTranslator } from './lang.js';
import { run } from './program.js';

/** The run's language for a last-resort message (English when --lang itself is bad). */
function language() {
  try {
    return runTranslator(process.argv.slice(2));
  } catch {
    return EN;
  }
}

// `chainlens analyze | head` closes the pipe early: stop quietly, as other commands do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(
      sanitizeTerminal(
        `chainlens: ${language().t('cli:error.internal', { detail: e instanceof Error ? (e.stack ?? e.message) : String(e) })}\n`,
      ),
    );
    process.exitCode = 70;
  },
);
