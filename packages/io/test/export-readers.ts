/**
 * Independent readers of the export formats for the tests (the io and the CLI export tests):
 * graphology-gexf's and graphology-graphml's parsers, xmldom for the declared attribute types,
 * apache-arrow for Arrow IPC, and xmllint (Debian libxml2-utils; .ci/run installs it) with the
 * vendored GEXF and GraphML schemas of ./schemas.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import type { Table } from 'apache-arrow';
import { tableFromIPC } from 'apache-arrow';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';

const SCHEMAS = fileURLToPath(new URL('./schemas/', import.meta.url));
let tmp: string | undefined;

/**
 * Validates an XML document (text, or the path of a file) against a vendored schema with
 * xmllint. Returns xmllint's standard output (empty); throws with its messages when invalid.
 */
export function validateXml(
  document: { text: string } | { file: string },
  schema: 'gexf.xsd' | 'graphml.xsd',
): string {
  let file: string;
  if ('file' in document) file = document.file;
  else {
    tmp ??= mkdtempSync(join(tmpdir(), 'chainlens-xml-'));
    file = join(tmp, `doc-${Math.random().toString(36).slice(2)}.xml`);
    writeFileSync(file, document.text);
  }
  try {
    return execFileSync('xmllint', ['--noout', '--schema', join(SCHEMAS, schema), file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const err = e as { code?: string; stderr?: string };
    if (err.code === 'ENOENT')
      throw new Error('xmllint not found: apt-get install libxml2-utils (.ci/run does)');
    throw new Error(`does not validate against ${schema}:\n${(err.stderr ?? '').slice(0, 2000)}`);
  }
}

/** A GEXF document read by graphology-gexf into a multigraph. */
export function readGexf(text: string) {
  return parseGexf(MultiDirectedGraph, text);
}

/** A GraphML document read by graphology-graphml into a multigraph. */
export function readGraphml(text: string) {
  return parseGraphml(MultiDirectedGraph, text);
}

/** `title → type` of the GEXF attribute declarations of one class. */
export function gexfDeclaredTypes(text: string, cls: 'node' | 'edge'): Record<string, string> {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const out: Record<string, string> = {};
  for (const block of Array.from(doc.getElementsByTagName('attributes'))) {
    if (block.getAttribute('class') !== cls) continue;
    for (const a of Array.from(block.getElementsByTagName('attribute')))
      out[a.getAttribute('title')!] = a.getAttribute('type')!;
  }
  return out;
}

/** `attr.name → attr.type` of the GraphML keys of one class, and the graph's edgedefault. */
export function graphmlKeyTypes(text: string, cls: 'node' | 'edge'): Record<string, string> {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  return Object.fromEntries(
    Array.from(doc.getElementsByTagName('key'))
      .filter((k) => k.getAttribute('for') === cls)
      .map((k) => [k.getAttribute('attr.name')!, k.getAttribute('attr.type')!]),
  );
}

/** The `edgedefault` of a GraphML document's graph. */
export function graphmlEdgeDefault(text: string): string | null {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  return doc.getElementsByTagName('graph')[0]!.getAttribute('edgedefault');
}

/** An Arrow IPC file read by apache-arrow. */
export function readArrow(bytes: Uint8Array): Table {
  return tableFromIPC(bytes);
}

/** A graph as NetworkX read it: nodes with their data, edges as [source, target, data]. */
export interface NetworkxGraph {
  version: string;
  directed: boolean;
  nodes: Record<string, Record<string, unknown>>;
  edges: [string, string, Record<string, unknown>][];
}

const NETWORKX_READ = `
import json, sys, networkx as nx
g = nx.read_gexf(sys.argv[1])
print(json.dumps({"version": nx.__version__, "directed": g.is_directed(),
  "nodes": {str(n): d for n, d in g.nodes(data=True)},
  "edges": [[str(u), str(v), d] for u, v, d in g.edges(data=True)]}, ensure_ascii=False))
`;

/**
 * A GEXF document read by NetworkX's `read_gexf` in Debian's python3 (python3-networkx, 2.8 on
 * bookworm; .ci/run installs it). Throws when python3 or NetworkX is missing, or when NetworkX
 * cannot read the file (with its message).
 */
export function readGexfNetworkx(text: string): NetworkxGraph {
  tmp ??= mkdtempSync(join(tmpdir(), 'chainlens-xml-'));
  const file = join(tmp, `doc-${Math.random().toString(36).slice(2)}.gexf`);
  writeFileSync(file, text);
  try {
    const out = execFileSync('/usr/bin/python3', ['-c', NETWORKX_READ, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(out) as NetworkxGraph;
  } catch (e) {
    const err = e as { code?: string; stderr?: string };
    if (err.code === 'ENOENT' || /No module named .networkx/.test(err.stderr ?? ''))
      throw new Error('NetworkX not found: apt-get install python3-networkx (.ci/run does)');
    throw new Error(`NetworkX cannot read the GEXF:\n${(err.stderr ?? '').slice(-2000)}`);
  }
}
