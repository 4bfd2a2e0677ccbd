import { defineConfig } from 'vite';

// The page of `ckin serve`: plain TypeScript + vega-embed, built into web/dist (git-ignored) by `npm run build:web`.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  logLevel: 'warn',
});
