import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resultsDir } from './report';

/** The plain native loop (bench/native-loop.c, cc -O2), compiled here when a C compiler is at hand; null without one. */
export function compileNativeLoop(): string | null {
  try {
    mkdirSync(resultsDir, { recursive: true });
    const binary = join(resultsDir, 'native-loop');
    execFileSync('cc', ['-O2', '-o', binary, join(import.meta.dirname, 'native-loop.c')]);
    return binary;
  } catch {
    return null;
  }
}

/** Nanoseconds per count of the native loop counting to `total`. */
export function nativeNsPerCount(binary: string, total: number): number {
  return Number(execFileSync(binary, [String(total)]).toString().split(' ')[1]);
}
