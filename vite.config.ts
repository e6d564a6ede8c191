import { createHash } from 'node:crypto';
import react from '@vitejs/plugin-react';
import { defineConfig, type Connect, type Plugin } from 'vite';
import { devPolicy, headersFile, META_CONTENT_SECURITY_POLICY, securityHeaders } from './src/shared/securityHeaders.ts';

/** Vite's dev server adds one inline script, React's hot-reload preamble: its hash, for the dev policy. */
const PREAMBLE_HASH = `sha256-${createHash('sha256').update(react.preambleCode.replace('__BASE__', '/')).digest('base64')}`;

/**
 * The headers of src/shared/securityHeaders.ts wherever the page is served from. Both servers
 * set them before Vite's own middlewares answer: Vite's `headers` option reaches only the
 * responses its file server sends in full, so a `304 Not Modified` went out without COOP and
 * COEP, and WebKit then refused the worker's script in the isolated page ("its script could not
 * be loaded"). The build writes them into `_headers` for static hosts that read it, and the
 * policy into index.html as a <meta> for hosts that send no headers.
 */
function securityHeadersEverywhere(): Plugin {
  const everyResponse = (headers: Record<string, string>) => (server: { middlewares: Connect.Server }) => {
    server.middlewares.use((_request, response, next) => {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      next();
    });
  };
  return {
    name: 'security-headers-everywhere',
    configureServer: everyResponse(securityHeaders(devPolicy([PREAMBLE_HASH]))),
    configurePreviewServer: everyResponse(securityHeaders()),
    transformIndexHtml: {
      order: 'post',
      handler: (_html, context) =>
        context.server
          ? []
          : [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile(securityHeaders()) });
    },
  };
}

export default defineConfig({
  plugins: [react(), securityHeadersEverywhere()],
  // Module workers, bundled and type-checked like the page (never scripts in public/).
  worker: { format: 'es' },
  build: { target: 'es2022' },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 },
});
