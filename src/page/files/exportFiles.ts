import { resultsCsvTable } from '../../lab/exchange/csvTable';
import type { MachineDescription } from '../../lab/exchange/machineDescription';
import { resultsFile, resultsFileName } from '../../lab/exchange/resultsFile';
import type { WorkerStats } from '../../lab/measurement/stats';
import type { ExportKind } from '../../lab/texts/keeping';
import type { RunRecord } from '../../lab/types';
import { chartPng, chartSvg, wallClockFigure } from './chartImage';
import { csvText } from './csvText';
import { downloadBlob, downloadText } from './download';

/** What "Export CSV", "Export JSON" and "Export chart" save: the runs, the statistics of the series shown, and this machine. */
export interface ExportInput {
  runs: readonly RunRecord[];
  machine: MachineDescription;
  /** The series the statistics are of (analysis.series?.key), or null. */
  series: string | null;
  stats: readonly WorkerStats[];
}

/** Builds the file of `kind` and saves it; resolves to its name. Throws where the browser cannot draw the chart. */
export async function saveExport(kind: ExportKind, input: ExportInput, atMs: number): Promise<string> {
  const fileName = resultsFileName(input.machine.label, atMs, kind);
  if (kind === 'svg' || kind === 'png') {
    const figure = wallClockFigure();
    if (figure === null) throw new Error('the wall-clock chart is not on the page');
    downloadBlob(kind === 'svg' ? await chartSvg(figure) : await chartPng(figure), fileName);
    return fileName;
  }
  const file = resultsFile({ ...input, exportedAtMs: atMs });
  if (kind === 'json') downloadText(`${JSON.stringify(file, null, 2)}\n`, fileName, 'application/json');
  else downloadText(await csvText(resultsCsvTable(file)), fileName, 'text/csv');
  return fileName;
}
