/**
 * The dataset manifest `chainlens.json` (DESIGN §6). Unknown keys are refused so that a typo
 * (`"relation"` for `"relations"`) is an error, not a silently empty table.
 */
import { z } from 'zod';

export const manifestSchema = z
  .object({
    name: z.string().trim().min(1, 'the dataset needs a name'),
    description: z.string().optional(),
    license: z.string().optional(),
    source: z.string().optional(),
    companies: z.string().min(1),
    memberships: z.string().min(1).optional(),
    relations: z.string().min(1).optional(),
    products: z.string().min(1).optional(),
    productLinks: z.string().min(1).optional(),
    templates: z.array(z.string().min(1)).default([]),
    /** Text encoding of the CSV/JSON tables, `utf-8` unless given (e.g. `gbk`). */
    encoding: z.string().optional(),
    /** Keep relations from a company to itself; rejected unless set. */
    allowSelfLoops: z.boolean().default(false),
  })
  .strict();

export type Manifest = z.infer<typeof manifestSchema>;

export const MANIFEST_FILE = 'chainlens.json';
