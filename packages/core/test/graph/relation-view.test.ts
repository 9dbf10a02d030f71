/**
 * defaultRelationView: the one rule for the default relation view of `chainlens metrics` and the
 * viewer (observed supply, else inferred supply, else every type), on hand-made type sets and on
 * the relation table of the shipped cn-listed data (inferred supply only).
 */
import { describe, expect, it } from 'vitest';
import { RELATION_TYPES, defaultRelationView, relationTypesPresent } from '../../src/index.js';
import { readDataset } from '@chainlens/io/node';

describe('defaultRelationView', () => {
  it('prefers observed supply, then inferred supply, never mixing them', () => {
    expect(defaultRelationView(['supply', 'inferred-supply', 'ownership'])).toEqual(['supply']);
    expect(defaultRelationView(['collaboration', 'inferred-supply'])).toEqual(['inferred-supply']);
  });

  it('takes every type when the data has no supply relation of either kind', () => {
    expect(defaultRelationView(['collaboration', 'ownership'])).toEqual([...RELATION_TYPES]);
    expect(defaultRelationView([])).toEqual([...RELATION_TYPES]);
  });

  it('reads the types present from a relation table: cn-listed is inferred supply only', () => {
    const { dataset } = readDataset('datasets/cn-listed');
    const present = relationTypesPresent(dataset.relations.type);
    expect(present).toEqual(['inferred-supply']);
    expect(defaultRelationView(present)).toEqual(['inferred-supply']);
    expect(relationTypesPresent(new Uint8Array([3, 0, 0, 2]))).toEqual([
      'supply',
      'ownership',
      'inferred-supply',
    ]);
  });
});
