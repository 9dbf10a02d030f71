#!/usr/bin/env node
import { sanitizeTerminal } from './output.js';
import { run } from './program.js';

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
        `chainlens: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      ),
    );
    process.exitCode = 70;
  },
);
