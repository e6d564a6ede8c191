import { useCallback, useEffect, useState } from 'react';

export interface Fullscreen {
  /** Whether this browser lets the page go full screen (`document.fullscreenEnabled`; false where there is no Fullscreen API). */
  available: boolean;
  /** Whether the page is full screen now, as the browser says (Escape or F11 change it too). */
  active: boolean;
  toggle: () => void;
}

const fullscreenNow = () => (document.fullscreenElement ?? null) !== null;

/**
 * The whole page full screen through the Fullscreen API, following the
 * browser's own state through `fullscreenchange`. A request the browser
 * refuses (no user gesture, a policy) changes nothing, and the state says so.
 */
export function useFullscreen(): Fullscreen {
  // Older Safari has no unprefixed API at all: `fullscreenEnabled` is then undefined.
  const available = (document.fullscreenEnabled as boolean | undefined) === true;
  const [active, setActive] = useState(fullscreenNow);

  useEffect(() => {
    if (!available) return;
    const follow = () => setActive(fullscreenNow());
    follow();
    document.addEventListener('fullscreenchange', follow);
    return () => {
      document.removeEventListener('fullscreenchange', follow);
    };
  }, [available]);

  const toggle = useCallback(() => {
    const change = fullscreenNow() ? document.exitFullscreen() : document.documentElement.requestFullscreen();
    change.catch(() => setActive(fullscreenNow()));
  }, []);

  return { available, active, toggle };
}
