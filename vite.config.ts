import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The hall's pages: one multi-page app under web/, built to dist/ and served by the hub on its own
 * port (hall LANs are often offline: nothing comes from a CDN).
 */
const web = (p: string) => fileURLToPath(new URL(`./web/${p}`, import.meta.url));
const pages: Record<string, string> = {
  kiosk: web('kiosk/index.html'),
  display: web('display/index.html'),
  counter: web('counter/index.html'),
  rate: web('rate/index.html'),
  status: web('status/index.html'),
};
// The manager pages are built by their own owner; include them once they exist.
if (existsSync(web('manager/index.html'))) pages.manager = web('manager/index.html');

export default defineConfig({
  root: 'web',
  base: '/',
  publicDir: 'public',
  build: {
    outDir: '../dist',
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
