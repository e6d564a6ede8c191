import type { ExportKind } from './exportFiles';

/** The sentence beside the buttons after an export. */
export function exportSentence(kind: ExportKind, outcome: { fileName: string } | { error: unknown }): string {
  if ('fileName' in outcome) return `Saved ${outcome.fileName}.`;
  const what = kind === 'json' ? 'the JSON file' : kind === 'csv' ? 'the CSV file' : `the chart as ${kind.toUpperCase()}`;
  // The browser's own words, without their full stop: the sentence has one.
  const message = outcome.error instanceof Error ? outcome.error.message.trim().replace(/\.+$/, '') : '';
  const why = message === '' ? '' : `: ${message}`;
  return `This browser could not save ${what}${why}.`;
}
