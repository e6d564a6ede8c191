import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const resultsDir = join(import.meta.dirname, 'results');
/** Each part of the bench writes its own file here; the teardown joins them into latest.txt. */
export const partsDir = join(resultsDir, 'parts');

/** Lines printed as they come and kept for the results file. */
export class Report {
  readonly lines: string[] = [];

  say(line = '') {
    this.lines.push(line);
    console.log(line);
  }

  /** Writes this part's lines now, so that a part that fails later still leaves what it measured. */
  save(part: string) {
    mkdirSync(partsDir, { recursive: true });
    writeFileSync(join(partsDir, `${part}.txt`), `${this.lines.join('\n')}\n`);
  }
}

/** "name: value (target X) PASS/FAIL", or with no target, "(no target)". */
export function budgetLine(name: string, value: string, target?: { text: string; pass: boolean }): string {
  return target ? `${name}: ${value} (target ${target.text}) ${target.pass ? 'PASS' : 'FAIL'}` : `${name}: ${value} (no target)`;
}

export function table(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  return cells.map((row) => row.map((cell, column) => cell.padStart(widths[column])).join('  ')).join('\n');
}

/** The figures (JSON) that parts saved in `files`, skipping those a part did not write (it failed, or did not run). */
export function savedFigures<T>(files: readonly string[]): T[] {
  return files.flatMap((file): T[] => {
    try {
      return [JSON.parse(readFileSync(file, 'utf8')) as T];
    } catch {
      return [];
    }
  });
}

/**
 * One engine's part of the bench on its own browser: `measure` says its lines and resolves with
 * its figures; the lines are saved even when it fails (with the error), the figures when it ends,
 * and the browser is closed either way.
 */
export async function measureEngine<T>(
  where: { engine: string; report: Report; part: string; figuresFile: string; driver: { close(): Promise<void> } },
  measure: () => Promise<T>,
): Promise<void> {
  const { engine, report, part, figuresFile, driver } = where;
  try {
    const figures = await measure();
    report.save(part);
    writeFileSync(figuresFile, JSON.stringify(figures));
  } catch (error) {
    report.say(`${engine}: stopped by an error: ${error instanceof Error ? error.message : String(error)}`);
    report.save(part);
    throw error;
  } finally {
    await driver.close();
  }
}

/** Before a run: no parts from an earlier one. */
export function clearParts() {
  rmSync(partsDir, { recursive: true, force: true });
}

/** After a run: the parts it wrote, in the order of their names, as bench/results/latest.txt. */
export function joinParts() {
  let parts: string[];
  try {
    parts = readdirSync(partsDir).filter((name) => name.endsWith('.txt')).sort();
  } catch {
    return;
  }
  if (parts.length === 0) return;
  writeFileSync(join(resultsDir, 'latest.txt'), parts.map((name) => readFileSync(join(partsDir, name), 'utf8')).join(''));
}
