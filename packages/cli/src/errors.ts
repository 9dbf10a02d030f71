/** Errors of the command line that are not data errors (io's DataError: exit code 1). */

/** Bad usage detected after parsing (exit code 2). */
export class UsageError extends Error {}
