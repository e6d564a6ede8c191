/**
 * A file's name in a sentence, on its own so that the page's first screen can name a file
 * without loading the results file's schema (issue 17: heavy parts load on first use).
 */
import { plainLine, shortened } from './machineDescription';

/** A file's name in a sentence: quoted, as one plain line, and short, so a hostile name cannot flood the page. */
export function quotedFileName(fileName: string): string {
  return `“${shortened(plainLine(fileName), 48) || 'unnamed file'}”`;
}
