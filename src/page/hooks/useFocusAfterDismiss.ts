import { useEffect, useRef } from 'react';
import { focusablesAfter, focusFirst } from './focusable';

/**
 * For a notice that goes when dismissed: without this, focus falls from its "Dismiss" to the
 * page's body, and a keyboard or screen reader user starts again from the top. Call `beforeDismiss`
 * in the button's handler; once the notice is gone (`shown` false), focus goes on to the control
 * that follows it, as Tab would have, unless somebody has put focus elsewhere meanwhile.
 */
export function useFocusAfterDismiss<Region extends HTMLElement>(shown: boolean) {
  const regionRef = useRef<Region>(null);
  const followingRef = useRef<HTMLElement[] | null>(null);

  useEffect(() => {
    const following = followingRef.current;
    if (shown || following === null) return;
    followingRef.current = null;
    const focused = document.activeElement;
    if (focused === null || focused === document.body) focusFirst(following);
  }, [shown]);

  // Noted before the notice goes: afterwards nothing says where it stood.
  const beforeDismiss = () => {
    const region = regionRef.current;
    if (region !== null) followingRef.current = focusablesAfter(region);
  };

  return { regionRef, beforeDismiss };
}
