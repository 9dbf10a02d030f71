/**
 * report.json as text: pretty JSON (two-space indent, final newline) with a stable key order,
 * so the same report always gives the same bytes, whatever order its objects were built in.
 */

/**
 * Keys that come first, in this order, wherever they appear: the DESIGN §6 order of the
 * report's sections, then the usual leading keys of its objects (ids and names before
 * figures). Every other key follows in code-unit order.
 */
const LEADING = [
  'schemaVersion',
  'generator',
  'parameters',
  'dataset',
  'cluster',
  'template',
  'completeness',
  'segments',
  'weakLinks',
  'missingRoles',
  'leaders',
  'targets',
  'critical',
  'resilience',
  'communities',
  'id',
  'company',
  'kind',
  'name',
  'region',
  'stage',
  'segment',
  'source',
  'target',
  'direction',
  'version',
  'upstream',
  'midstream',
  'downstream',
];
const RANK = new Map(LEADING.map((k, i) => [k, i]));

function byKeyOrder(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra !== undefined || rb !== undefined) return (ra ?? Infinity) - (rb ?? Infinity) || 0;
  return a < b ? -1 : a > b ? 1 : 0;
}

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value !== null && typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(byKeyOrder)) {
      out[key] = ordered((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

/**
 * The report as pretty JSON with a stable key order (see `LEADING`); non-finite numbers become
 * null as in JSON.stringify. Integer-like keys (`"2021"`) come first in ascending order, as
 * JavaScript orders them in every object.
 */
export function reportJson(report: object): string {
  return `${JSON.stringify(ordered(report), null, 2)}\n`;
}
