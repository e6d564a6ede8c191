import { memo } from 'react';
import { useFrameMeter } from '../hooks/useFrameMeter';

interface FrameMeterProps {
  /** When the latest run started, on the page's clock (ms): the longest frame is looked for from there; before any run, since the page loaded. */
  sinceMs?: number;
  /** During a quiet run: the meter neither measures nor moves, and says so. */
  paused?: boolean;
  /** Workers count: the heartbeat that times a freeze to the beat rests (see useFrameMeter). */
  workersCounting?: boolean;
}

/**
 * The always-visible frame-rate meter: a bar the page's own thread moves and the
 * "Frame rate" status. The status changes several times a second, so it is not
 * live (aria-live="off"): it must not speak. Its text is written by the hook.
 */
export const FrameMeter = memo(function FrameMeter({ sinceMs, paused = false, workersCounting = false }: FrameMeterProps) {
  const { statusRef, barRef, counterRef } = useFrameMeter(sinceMs, paused, !workersCounting);
  return (
    <div className="frame-meter">
      <span className="frame-meter-track" aria-hidden="true">
        <span className="frame-meter-bar" ref={barRef} />
        <span className="frame-meter-count" ref={counterRef} />
      </span>
      <div className="frame-meter-text" role="status" aria-label="Frame rate" aria-live="off" ref={statusRef} />
    </div>
  );
});
