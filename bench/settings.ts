/**
 * The benchmark's settings, from the environment:
 * - BENCH_PORT (4174) and BENCH_OUT_DIR (dist): the preview server's port and the build it serves,
 *   so that a bench can run beside another suite.
 * - BENCH_QUICK=1: small totals, one round, few worker counts, to check that the bench works; its
 *   figures say nothing.
 * - BENCH_ENGINES=chromium,firefox,webkit (all three by default): the engines of the per-engine part.
 * - BENCH_CORES (the machine's, from Node): the k of the engines' speed-up and of the models'
 *   part; not the browser's count, as WebKitGTK reports 4 on a 2-core VM.
 */
import { availableParallelism } from 'node:os';

export const benchPort = Number(process.env.BENCH_PORT ?? 4174);
export const benchOutDir = process.env.BENCH_OUT_DIR ?? 'dist';
export const quick = process.env.BENCH_QUICK === '1';
/** The machine's cores, not the browser's: WebKitGTK reports 4 on a 2-core VM. BENCH_CORES overrides. */
export const benchCores = Number(process.env.BENCH_CORES ?? availableParallelism());
