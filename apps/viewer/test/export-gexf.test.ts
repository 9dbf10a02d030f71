/**
 * The viewer's GEXF export goes through io's writer: the drawn graph (labels, metrics,
 * categorical attributes, colours, sizes, positions) validates against the GEXF 1.2draft schema
 * and reads back with graphology-gexf.
 */
import Graph from 'graphology';
import { describe, expect, it, vi } from 'vitest';
import { gexfOf } from '../src/export.js';
import type { EdgeAttributes, NodeAttributes } from '../src/graph/model.js';
import {
  gexfDeclaredTypes,
  readGexf,
  validateXml,
} from '../../../packages/io/test/export-readers.js';

// export.ts also renders PNGs through sigma, which needs WebGL at load: not what is tested here.
vi.mock('@sigma/export-image', () => ({ drawOnCanvas: vi.fn() }));
vi.mock('../src/graph/lanes.js', () => ({ LANE_LAYER: 'lanes', LaneLayer: class {} }));

function node(label: string, extra: Partial<NodeAttributes> = {}): NodeAttributes {
  return {
    label,
    x: 1.5,
    y: -2,
    size: 4,
    color: '#1f77b4',
    company: 0,
    region: '广东/深圳',
    community: 0,
    group: -1,
    companies: 1,
    degree: 2,
    pagerank: 0.25,
    attrs: { industry: '电池 & <化学品>' },
    ...extra,
  };
}

describe('gexfOf', () => {
  it('writes the drawn graph with io’s GEXF writer: valid, typed, drawn', () => {
    const g = new Graph<NodeAttributes, EdgeAttributes>({ multi: false, type: 'directed' });
    g.addNode('600001', node('宁德时代', { betweenness: 0.5, weak: ['single-source'] }));
    g.addNode('600002', node('比亚迪', { community: 1, color: 'rgb(255, 127, 14)', x: 3 }));
    g.addEdgeWithKey('e0', '600001', '600002', {
      weight: 2.5,
      types: 1,
      relations: 2,
      size: 1.5,
      color: '#999',
    });
    const text = gexfOf(g);
    expect(validateXml({ text }, 'gexf.xsd')).toBe('');
    const back = readGexf(text);
    expect(back.getNodeAttributes('600001')).toMatchObject({
      label: '宁德时代',
      region: '广东/深圳',
      community: 1,
      pagerank: 0.25,
      betweenness: 0.5,
      weakLink: 'single-source',
      industry: '电池 & <化学品>',
      color: 'rgb(31,119,180)',
      size: 4,
      x: 1.5,
      y: -2,
    });
    expect(back.getNodeAttribute('600002', 'color')).toBe('rgb(255,127,14)');
    expect(back.getEdgeAttributes('e0')).toMatchObject({
      weight: 2.5,
      types: 'supply',
      relations: 2,
      thickness: 1.5,
    });
    const types = gexfDeclaredTypes(text, 'node');
    expect(types).toMatchObject({ community: 'integer', pagerank: 'double', industry: 'string' });
    expect(gexfDeclaredTypes(text, 'edge')).toEqual({ types: 'string', relations: 'integer' });
  });
});
