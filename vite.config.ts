import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { FACES } from './scripts/faces.mjs';

/**
 * The hall's pages: one multi-page app, one top-level folder per face (kiosk/, display/, counter/,
 * pad/, phone/, manager/, …, with the code they share in ui/), built to dist/<face>/ and served by
 * the hub on its own port (hall LANs are often offline: nothing comes from a CDN).
 */
const here = (p: string) => fileURLToPath(new URL(`./${p}`, import.meta.url));
const pages: Record<string, string> = {};
// A face is built once its page exists.
for (const face of FACES) if (existsSync(here(`${face}/index.html`))) pages[face] = here(`${face}/index.html`);

export default defineConfig({
  root: '.',
  base: '/',
  publicDir: 'ui/public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    rollupOptions: { input: pages },
  },
  // Lit's decorators are the legacy (experimental) kind with [[Set]] class fields: standard
  // decorators pass through untransformed and break in Chromium.
  oxc: {
    decorator: { legacy: true },
    assumptions: { setPublicClassFields: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/socket.io': { target: 'ws://127.0.0.1:8080', ws: true } } },
});
