/**
 * Taking the view away: a PNG of what is drawn (@sigma/export-image renders the layers into one
 * canvas on a white background) and the drawn graph as GEXF 1.3 (graphology-gexf) with labels,
 * positions, colours, sizes and the metrics as attributes, for Gephi and other tools.
 */
import { toBlob } from '@sigma/export-image';
import { write } from 'graphology-gexf/browser';
import type Sigma from 'sigma';
import type { ChainLayout } from './graph/chain.js';
import { LANE_LAYER, LaneLayer } from './graph/lanes.js';
import type { EdgeAttributes, NodeAttributes, ViewGraph } from './graph/model.js';
import { typesOf } from './graph/model.js';

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The view as a PNG blob, twice the screen's pixel size for print; with the chain layout's
 * lanes drawn under the graph when given.
 */
export function pngOf(
  sigma: Sigma<NodeAttributes, EdgeAttributes>,
  lanes: ChainLayout | null = null,
): Promise<Blob> {
  const { width, height } = sigma.getDimensions();
  const layers = Object.keys(sigma.getCanvases()).filter((k) => k !== LANE_LAYER);
  return toBlob(sigma as unknown as Sigma, {
    format: 'png',
    backgroundColor: '#ffffff',
    width: width * 2,
    height: height * 2,
    cameraState: sigma.getCamera().getState(),
    layers: lanes ? [LANE_LAYER, ...layers] : layers,
    withTempRenderer: (temp) => {
      if (lanes) new LaneLayer(temp).set(lanes);
    },
  });
}

/** The drawn graph as a GEXF document. */
export function gexfOf(graph: ViewGraph): string {
  const xml = write(graph, {
    version: '1.3',
    formatNode: (_key, a) => {
      const attributes: Record<string, string | number> = {
        region: a.region,
        community: a.community + 1,
        companies: a.companies,
        degree: a.degree,
        pagerank: a.pagerank,
      };
      if (a.betweenness !== undefined) attributes.betweenness = a.betweenness;
      if (a.segment !== undefined) attributes.segment = a.segment;
      if (a.ghost !== undefined) attributes.missingRole = a.ghost;
      if (a.weak?.length) attributes.weakLink = a.weak.join('|');
      for (const [k, v] of Object.entries(a.attrs)) attributes[k] = v;
      return {
        label: a.label,
        attributes,
        viz: { color: a.color, size: a.size, x: a.x, y: a.y },
      };
    },
    formatEdge: (_key, a) => ({
      weight: a.weight,
      attributes: {
        types: a.ghost ? 'missing-role' : typesOf(a.types).join('|'),
        relations: a.relations,
      },
      viz: { color: a.color, thickness: a.size },
    }),
  });
  return xml;
}
