/**
 * @chainlens/core: the engine. Pure TypeScript with no Node-only APIs, so it runs in Node and
 * in the browser alike.
 */
export * from './graph/types.js';
export * from './graph/compact.js';
export * from './graph/cluster.js';
export * from './graph/graphology.js';
export * from './graph/summary.js';
export * from './graph/template.js';
export * from './graph/snapshot.js';
