import type { ChartMachine } from './comparedMachine';
import { sharedMachine, type ShareReading } from './shareLink';
import { sharedAddedSentence, sharedSweepSentence } from '../texts/share';

/** A link's sweep: shown beside this machine's until added or dismissed; then the notice says it was added, or goes. */
export interface SharedState {
  reading: ShareReading;
  phase: 'shown' | 'added' | 'dismissed';
}

/** What the page shows of a share link. */
export interface SharedLinkView {
  /** The link's curve for the charts while it is shown; null before, after "Add to Machines" (Machines draws it then) and after Dismiss. */
  chartMachine: ChartMachine | null;
  /** What the notice says (the machine, or that it was added), and whether it offers "Add to Machines"; null when there is nothing to say. */
  notice: { sentence: string; canAdd: boolean } | null;
  /** One sentence when the link's fragment was tampered with, cut short or made by a newer page, until dismissed. */
  problems: string[];
}

/** The charts, the notice and the problem a share link's state gives. */
export function sharedLinkView({ reading, phase }: SharedState): SharedLinkView {
  if (reading.kind === 'none' || phase === 'dismissed') return { chartMachine: null, notice: null, problems: [] };
  if (reading.kind === 'bad') return { chartMachine: null, notice: null, problems: phase === 'shown' ? [reading.sentence] : [] };
  const { shared } = reading;
  if (phase === 'added') return { chartMachine: null, notice: { sentence: sharedAddedSentence(shared.label), canAdd: false }, problems: [] };
  const machine = sharedMachine(shared);
  return {
    chartMachine: { id: machine.id, label: machine.label, curve: machine.curve, source: 'link', ...(machine.scaling === undefined ? {} : { scaling: machine.scaling }) },
    notice: { sentence: sharedSweepSentence(shared), canAdd: true },
    problems: [],
  };
}
