import { defineConfig } from 'vite';
import { chainlensData } from './data-plugin.js';

// The viewer is a static app; `base: './'` lets the build open from any folder (and offline).
// Data: `chainlens serve` serves data/index.json and the datasets beside the build. The plugin
// does the same for `vite` (dev), and copies the bundled datasets into the build when
// CHAINLENS_BUNDLE_DATA=1 (a static build that opens without a server).
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2_000,
    // Rolldown's [PLUGIN_TIMINGS] warning fires whenever plugins take a noticeable share of a
    // build, which on a loaded machine is every build: noise, not a problem to act on.
    rolldownOptions: { checks: { bundlerTimings: false, pluginTimings: false } },
  },
  worker: {
    format: 'es',
    rolldownOptions: { checks: { bundlerTimings: false, pluginTimings: false } },
  },
  resolve: {
    alias: {
      // @chainlens/io's writer imports csv-stringify's Node build, which uses Buffer at load
      // time; the package's own browser build is the same API.
      'csv-stringify/sync': 'csv-stringify/browser/esm/sync',
    },
  },
  plugins: [chainlensData({ bundle: process.env.CHAINLENS_BUNDLE_DATA === '1' })],
});
