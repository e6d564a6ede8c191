import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ComparedMachine } from '../../lab/exchange/comparedMachine';
import { readShareFragment, sharedMachine } from '../../lab/exchange/shareLink';
import { sharedLinkView, type SharedLinkView, type SharedState } from '../../lab/exchange/sharedLinkView';

/** The view, with "Add to Machines" and Dismiss. */
export interface SharedLink extends SharedLinkView {
  add: () => void;
  dismiss: () => void;
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
