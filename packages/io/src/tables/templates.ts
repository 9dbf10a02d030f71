/**
 * Chain template files (JSON, DESIGN §6): the shape is checked with a zod schema, the
 * structure (unique ids, known feed ends, no cycle) with core's `checkTemplate`. A template
 * with any problem is rejected whole and every problem is reported with its JSON path.
 */
import type { IssueParams } from '../messages.js';
import { textOf } from './common.js';
import type { ChainTemplate } from '@chainlens/core';
import { STAGES, checkTemplate } from '@chainlens/core';
import { z } from 'zod';
import type { IssueLog } from '../issues.js';
import { DataError } from '../issues.js';
import { decodeText, maybeGunzip } from '../text.js';
import type { TableInput } from './common.js';

const segmentSchema = z.object({
  id: z.string().trim().min(1, 'segment id is empty'),
  name: z.string().trim().min(1, 'segment name is empty'),
  stage: z.enum(STAGES),
  weight: z.number().finite().nonnegative().default(1),
  includes: z.array(z.string().trim().min(1, 'an includes pattern is empty')).default([]),
  industries: z
    .array(z.string().trim().min(1, 'an industries pattern is empty'))
    .min(1, 'industries, when given, needs at least one pattern')
    .optional(),
  scope: z.array(z.string().trim().min(1, 'a scope keyword is empty')).optional(),
});

export const templateSchema = z.object({
  id: z.string().trim().min(1, 'template id is empty'),
  name: z.string().trim().min(1, 'template name is empty'),
  description: z.string().optional(),
  segments: z.array(segmentSchema).min(1, 'a template needs at least one segment'),
  feeds: z.array(z.tuple([z.string(), z.string()])).default([]),
  scopeGeneric: z.array(z.string().trim().min(1, 'a generic scope word is empty')).optional(),
});

/** Formats a zod issue path as `segments[3].stage`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** Reads one template; returns undefined (with every problem logged) when it is invalid. */
export function readTemplate(input: TableInput, log: IssueLog): ChainTemplate | undefined {
  const { file } = input;
  const report = log.table('template', file);
  report.read = 1;
  const reject = (code: string, message: string | IssueParams, column?: string, row?: number) => {
    log.add({ severity: 'error', code, file, row, column, ...textOf(code, message) });
  };
  const fail = () => {
    report.rejected = 1;
    return undefined;
  };
  if (!input.bytes) {
    report.failed = true;
    reject('missing-file', { table: 'template' });
    return fail();
  }
  let data: unknown;
  try {
    data = JSON.parse(decodeText(maybeGunzip(input.bytes, file), file, input.decode));
  } catch (e) {
    report.failed = true;
    if (e instanceof DataError && e.issue)
      reject(e.issue.code, e.issue.params ?? e.issue.message, undefined, e.issue.row);
    else reject('malformed-json', { reason: (e as Error).message });
    return fail();
  }
  const parsed = templateSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      reject('bad-template', { reason: issue.message }, jsonPath(issue.path) || undefined);
    return fail();
  }
  const template: ChainTemplate = parsed.data;
  const problems = checkTemplate(template);
  if (problems.length > 0) {
    for (const p of problems) reject('bad-template', { reason: p.message }, p.path);
    return fail();
  }
  report.accepted = 1;
  return template;
}
