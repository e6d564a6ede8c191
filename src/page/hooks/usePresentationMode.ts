import { useLayoutEffect } from 'react';
import { rememberPresent, type PreferenceStorage } from '../storage/preferences';
import { useRememberedSwitch } from './useRememberedSwitch';

/** The class on the root element that switches the page's layout to presentation mode (src/index.css). */
export const PRESENT_CLASS = 'present';

/**
 * Presentation mode on the page: the root element's class, set before the
 * browser paints (no flash of the usual layout when a link or the last visit
 * asks for it), and each change remembered for the next visit. The value the
 * page opened with is not written back: a shared link's `present=1` does not
 * become a student's own setting until they change it.
 */
export function usePresentationMode(present: boolean, storage: PreferenceStorage | null) {
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.classList.toggle(PRESENT_CLASS, present);
    return () => {
      root.classList.remove(PRESENT_CLASS);
    };
  }, [present]);

  useRememberedSwitch(present, storage, rememberPresent);
}
