import { useEffect, useState } from 'react';
import type { PreferenceStorage } from '../storage/preferences';

/**
 * Tells the changes of a value from the one it opened with: true for a value other than the last
 * one it was given (the first being `opening`), once.
 */
export function changeTracker<Value>(opening: Value): (value: Value) => boolean {
  let last = opening;
  return (value) => {
    if (value === last) return false;
    last = value;
    return true;
  };
}

/**
 * A switch of the page's remembered for the next visit (`remember`: presentation mode's, "Quiet
 * run"'s), at each change after the page has drawn it. The value the page opened with is not
 * written back: a shared link's `present=1` does not become a student's own setting until they
 * change it; an effect run twice (StrictMode) writes once.
 */
export function useRememberedSwitch(on: boolean, storage: PreferenceStorage | null, remember: (storage: PreferenceStorage | null, on: boolean) => void): void {
  const [changed] = useState(() => changeTracker(on));
  useEffect(() => {
    if (changed(on)) remember(storage, on);
  }, [changed, on, storage, remember]);
}
