/**
 * The `data/index.json` contract between what serves the viewer (`chainlens serve`, the viewer's
 * Vite data plugin, a static build) and the viewer that reads it. Built by one function,
 * `buildDataIndex` of `@chainlens/io/node`.
 */

/** An entry of `data/index.json`: a dataset the server (or a static build) offers. */
export interface DataIndexEntry {
  /** Stable id, used in the picker and the URL (`#dataset=cn-listed`). */
  id: string;
  name: string;
  description?: string;
  license?: string;
  /** `manifest`: a folder with chainlens.json; `edge-list`: one CSV of source,target[,weight]. */
  kind: 'manifest' | 'edge-list';
  /** URL of the manifest or edge-list file, relative to the page. */
  url: string;
  /** True for datasets shipped in the repository's datasets/ folder. */
  bundled: boolean;
}

/** `data/index.json`, written by `chainlens serve` (or a static build with bundled data). */
export interface DataIndex {
  version: 1;
  datasets: DataIndexEntry[];
  /** Shared chain templates (datasets/templates/*.json), URLs relative to the page. */
  templates: { url: string; file: string }[];
  /** Id of the dataset to open at start (the one given on the command line). */
  open?: string;
}
