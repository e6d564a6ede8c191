import { memo } from 'react';
import { useFullscreen } from '../hooks/useFullscreen';

interface PresentationControlsProps {
  present: boolean;
  onPresentChange: (present: boolean) => void;
}

/**
 * "Presentation mode" (the controls, the lanes and the wall-clock chart on one
 * screen, large) and "Full screen", both toggle buttons whose pressed state is
 * the real one. "Full screen" is left out where the browser has no Fullscreen API.
 */
export const PresentationControls = memo(function PresentationControls({ present, onPresentChange }: PresentationControlsProps) {
  const fullscreen = useFullscreen();
  return (
    <div className="presentation-controls">
      <button type="button" className="toggle" aria-pressed={present} onClick={() => onPresentChange(!present)}>
        Presentation mode
      </button>
      {fullscreen.available && (
        <button type="button" className="toggle" aria-pressed={fullscreen.active} onClick={fullscreen.toggle}>
          Full screen
        </button>
      )}
    </div>
  );
});
