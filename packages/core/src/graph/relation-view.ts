/**
 * The default relation view of the network metrics (`chainlens metrics`, `chainlens analyze
 * --community`, the viewer's drawn graph): one rule, here, so that the CLI and the viewer agree.
 *
 * Rule: observed `supply` when the data has any; else `inferred-supply` when it has any; else
 * every relation type. Observed and inferred supply are not mixed by default (inferred edges are
 * derived from products and keep their type so that no one mistakes them for observed ones), and
 * collaboration and ownership ties, which carry no flow of goods, join the view only when the data
 * has no supply relation of either kind. A user widens the view explicitly (`--relation`, the
 * viewer's relation check boxes).
 */
import type { RelationType } from './types.js';
import { RELATION_TYPES } from './types.js';

/** The default relation view given the relation types the data holds (see the module notes). */
export function defaultRelationView(present: Iterable<RelationType>): RelationType[] {
  const has = new Set(present);
  for (const t of ['supply', 'inferred-supply'] as const) if (has.has(t)) return [t];
  return [...RELATION_TYPES];
}

/** The relation types that occur in a relation table's `type` column (numeric codes). */
export function relationTypesPresent(codes: ArrayLike<number>): RelationType[] {
  const seen = new Set<number>();
  for (let i = 0; i < codes.length; i++) seen.add(codes[i]!);
  return RELATION_TYPES.filter((_, code) => seen.has(code));
}
