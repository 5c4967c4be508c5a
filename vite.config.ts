import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Builds the renderer (src-renderer/index.html) into dist/renderer. `base: './'` keeps every
// asset URL relative so the same bundle loads from file:// in Electron and from `vigil serve`.
// JSX goes through Vite's built-in esbuild transform (no React plugin, no fast refresh).
export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The preload polyfill would be fine under the CSP (it is bundled, not inline), but Chromium
    // and Electron support modulepreload natively: keep the bundle minimal.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
});
