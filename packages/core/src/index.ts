/**
 * @chainlens/core: the engine. Pure TypeScript with no Node-only APIs, so it runs in Node and
 * in the browser alike. The main entry gathers the public subpaths, each with its own named
 * export list: `@chainlens/core/graph`, `/metrics`, `/chain`, `/report`, `/i18n` and `/time`. Kernels
 * that @chainlens/scale shares live under `@chainlens/core/internal`, outside this entry.
 */
export * from './graph/index.js';
export * from './metrics/index.js';
export * from './chain/index.js';
export * from './report/index.js';
export * from './i18n/index.js';
export * from './time/index.js';
