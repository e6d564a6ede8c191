/** What a results file is saved as: "Export JSON", "Export CSV", and the chart as SVG or PNG. */
export type ExportKind = 'json' | 'csv' | 'svg' | 'png';

/** The browser's own words, without their full stop (the sentence has one); empty when it gave none. */
function browserWords(error: unknown): string {
  return error instanceof Error ? error.message.trim().replace(/\.+$/, '') : '';
}

/** The sentence beside the buttons after an export. */
export function exportSentence(kind: ExportKind, outcome: { fileName: string } | { error: unknown }): string {
  if ('fileName' in outcome) return `Saved ${outcome.fileName}.`;
  const what = kind === 'json' ? 'the JSON file' : kind === 'csv' ? 'the CSV file' : `the chart as ${kind.toUpperCase()}`;
  const message = browserWords(outcome.error);
  return `This browser could not save ${what}${message === '' ? '' : `: ${message}`}.`;
}

/** "This browser did not let the page keep <what> (<its words>), so they will be gone after a reload." */
function notKeptSentence(what: string, error: unknown): string {
  const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
  return `This browser did not let the page keep ${what}${reason}, so they will be gone after a reload.`;
}

/** The sentence the page shows when the browser keeps no results (no IndexedDB, private mode, a refusal). */
export function storageProblem(error: unknown): string {
  return notKeptSentence('results', error);
}

/** The sentence the page shows when the browser did not keep the imported machines. */
export function machineStorageProblem(error: unknown): string {
  return notKeptSentence('the imported machines', error);
}
