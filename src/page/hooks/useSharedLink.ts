import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChartMachine, ComparedMachine } from '../../lab/exchange/comparedMachine';
import { readShareFragment, sharedMachine, type ShareReading } from '../../lab/exchange/shareLink';
import { sharedAddedSentence, sharedSweepSentence } from '../../lab/texts/share';

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

export interface SharedLink extends SharedLinkView {
  add: () => void;
  dismiss: () => void;
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

const opened = (hash: string): SharedState => ({ reading: readShareFragment(hash), phase: 'shown' });

/** Takes the share fragment off the address once it has been used, leaving a fragment that is not ours (a section's) alone. */
function removeFragment() {
  if (readShareFragment(window.location.hash).kind === 'none') return;
  try {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  } catch {
    // A browser that refuses the write (WebKit, past 100 writes in 10 s) leaves the address as it was: only tidiness is lost.
  }
}

/**
 * A share link's sweep (src/lab/exchange/shareLink.ts): read from the address's fragment as the
 * page opens (and when only the fragment changes, as when a second link is pasted into the same
 * tab), its curve shown beside this machine's and its machine named, until "Add to Machines"
 * hands it to `addMachine` or it is dismissed; then its fragment leaves the address.
 */
export function useSharedLink(addMachine: (machine: ComparedMachine) => void): SharedLink {
  const [state, setState] = useState(() => opened(window.location.hash));

  useEffect(() => {
    const onHashChange = () => {
      const next = opened(window.location.hash);
      if (next.reading.kind !== 'none') setState(next);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
    };
  }, []);

  const { reading } = state;
  const add = useCallback(() => {
    if (reading.kind !== 'ok') return;
    addMachine(sharedMachine(reading.shared));
    setState({ reading, phase: 'added' });
    removeFragment();
  }, [addMachine, reading]);

  const dismiss = useCallback(() => {
    setState({ reading, phase: 'dismissed' });
    removeFragment();
  }, [reading]);

  // The same objects from one redraw to the next, so that the memoized charts are not redrawn for them.
  const view = useMemo(() => sharedLinkView(state), [state]);
  return { ...view, add, dismiss };
}
