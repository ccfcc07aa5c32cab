// The designer's renderer bundle. Built to dist-renderer/ with relative URLs (base './') so the
// same files load from the Electron app and from `flowdesk designer` over http.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The dev server's React refresh preamble is an inline script, which the CSP in index.html
 * forbids; drop the CSP meta tag while serving in dev only. Built files keep it.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'flowdesk-dev-without-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, '');
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devWithoutCsp()],
  build: {
    outDir: '../dist-renderer',
    emptyOutDir: true,
    // Monaco alone is several MB; the warning would only be noise.
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
  },
  // Monaco's language workers are imported with `?worker`; ES workers keep them as modules,
  // which the CSP (`worker-src 'self' blob:`) allows.
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
});
