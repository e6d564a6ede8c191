import { useEffect } from 'react';

/**
 * Escape stops the run or sweep in progress, wherever focus is on the page
 * (the text fields are disabled while it runs, so Escape never has to clear
 * one). A key another handler already used (default prevented) is left alone.
 */
export function useEscapeToStop(running: boolean, stop: () => void) {
  useEffect(() => {
    if (!running) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
      event.preventDefault();
      stop();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [running, stop]);
}
