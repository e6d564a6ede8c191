/**
 * The figures' captions in words: their lanes named as the series' model names them (tasks on
 * the main thread, workers otherwise), and the cores as the browser reports them, or as assumed.
 */
import type { Analysis } from '../measurement/analysis';
import type { Timeline } from '../runState';
import { seriesInWords } from './describe';
import { LANE_NOUN, lanesInWords } from './lesson';
import { DEFAULT_MODEL } from '../models/catalog';
import type { ChartMachine } from '../exchange/comparedMachine';

/** The most machines a caption names; beyond, it counts them and points to the legend and the Machines table. */
export const MACHINES_NAMED_IN_CAPTION = 4;

/** " Also drawn: the medians of 2 other machines (“A” and “B”), each in its own colour and dashes." — nothing without machines. */
export function machinesInCaption(machines: readonly ChartMachine[], what: string): string {
  if (machines.length === 0) return '';
  const many = machines.length;
  const whose = `${String(many)} other ${many === 1 ? 'machine' : 'machines'}`;
  const names = machines.map((machine) => `“${machine.label}”`);
  const named =
    many > MACHINES_NAMED_IN_CAPTION
      ? ', named in the legend and in the Machines table'
      : ` (${many === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[many - 1]}`})`;
  return ` Also drawn: ${what} of ${whose}${named}, each in its own colour and dashes.`;
}

/** "workers", or "tasks" for a series on the main thread; "workers" before any run. */
function lanesOf(analysis: Analysis): string {
  return `${LANE_NOUN[analysis.series?.model ?? DEFAULT_MODEL]}s`;
}

/** The wall-clock chart's caption, with `others` (runs with other settings) after it, then the other machines drawn. */
export function timeFigureCaption(analysis: Analysis, others: string, machines: readonly ChartMachine[] = []): string {
  return (
    `Wall-clock time against the number of ${lanesOf(analysis)}${seriesInWords(analysis.series)}. Dots are runs, the line their median and the band the fastest ` +
    `to the slowest; the dashed green line is the ideal, the dotted purple line the fitted model, and the orange line of dashes and ` +
    `dots marks ${analysis.coresLineWords}.${others}${machinesInCaption(machines, 'the medians')}`
  );
}

/** The speed-up chart's caption: the measured median beside the ideal for this model and task, then the other machines drawn. */
export function speedUpFigureCaption(analysis: Analysis, machines: readonly ChartMachine[] = []): string {
  return `Speed-up against the number of ${lanesOf(analysis)}: the measured median beside the ideal, ${analysis.idealWords}.${machinesInCaption(machines, 'the speed-ups (each from its own 1-worker time)')}`;
}

/** The start-up chart's caption: on the main thread there are no workers to spawn. */
export function costFigureCaption(analysis: Analysis): string {
  const what = analysis.series?.model === 'main-thread' ? 'on the main thread there are no workers to spawn' : 'what spawning the workers costs';
  return `Start-up and compute time per number of ${lanesOf(analysis)} (medians): ${what}.`;
}

/**
 * The timeline's caption: the run it draws by its number, or a sweep's warm-up, which is not
 * kept and so has no number of its own (the next run shown takes the number it would have had).
 */
export function timelineCaption({ runId, warmUp, model, lanes }: Pick<Timeline, 'runId' | 'warmUp' | 'model' | 'lanes'>): string {
  const which = warmUp ? 'the sweep’s warm-up, not kept' : `run ${String(runId)}, ${lanesInWords(model, lanes)}`;
  return `Timeline of the latest run (${which}): one lane per ${LANE_NOUN[model]}, coloured by what it was doing, on the page’s clock.`;
}
