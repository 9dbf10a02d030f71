import { defineConfig } from 'vite';

// The viewer is a static app; `base: './'` lets the build open from any folder (and offline).
export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true },
});
