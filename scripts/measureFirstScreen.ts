import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { firstScreenFiles } from './firstScreen';

export interface FirstScreenSize {
  /** Each file of the first screen, as a path inside the build folder, and its gzipped size in bytes. */
  files: Array<{ path: string; gzippedBytes: number }>;
  gzippedBytes: number;
}

/**
 * The first screen's JavaScript in the production build at `outDir`: each file gzipped alone at
 * zlib's default level, as a server sends it, and the sum.
 */
export function measureFirstScreen(outDir: string): FirstScreenSize {
  let html: string;
  try {
    html = readFileSync(join(outDir, 'index.html'), 'utf8');
  } catch {
    throw new Error(`No production build at ${outDir}: run "npm run build" first.`);
  }
  const files = firstScreenFiles(html, (path) => readFileSync(join(outDir, path), 'utf8')).map((path) => ({
    path,
    gzippedBytes: gzipSync(readFileSync(join(outDir, path))).length,
  }));
  return { files, gzippedBytes: files.reduce((sum, file) => sum + file.gzippedBytes, 0) };
}
