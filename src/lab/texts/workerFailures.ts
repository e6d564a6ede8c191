/** Sentences about a worker that failed or never started, the same for the page's workers and a worker's children. */

/**
 * What went wrong, as the end of a sentence: "Uncaught Error: The kernel broke." →
 * "The kernel broke."; an error type other than plain Error is kept ("TypeError: …").
 */
export function errorDetail(message: string | undefined, otherwise: string): string {
  const detail = (message ?? '')
    .trim()
    .replace(/^Uncaught\s+/, '')
    .replace(/^Error:\s*/, '')
    .replace(/[.\s]+$/, '');
  return `${detail || otherwise}.`;
}

/** "Worker 2 did not start within 15 s: it never answered that it was ready." */
export function notReadyMessage(names: readonly string[], limitMs: number): string {
  const who = names.length === 1 ? names[0] : `${names[0]} and ${String(names.length - 1)} ${names.length === 2 ? 'other' : 'others'}`;
  const seconds = `${String(limitMs / 1000)} s`;
  const never = names.length === 1 ? 'it never answered that it was ready' : 'none of them answered that it was ready';
  return `${who} did not start within ${seconds}: ${never}.`;
}
