/**
 * Machines side by side: another machine's curve, read from an exported file or a share link,
 * beside this machine's own, and what the class measured.
 */

/** One point of a machine's curve: the median wall-clock time (ms) at a worker count. */
export interface CurvePointMs {
  workers: number;
  medianMs: number;
}

/** What the charts draw for another machine: its label (drawn as text) and its curve. */
export interface ChartMachine {
  id: string;
  label: string;
  curve: CurvePointMs[];
  source: 'file' | 'link';
}
