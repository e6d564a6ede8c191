/**
 * Frames in a row, each drawn at most CALM_FRAME_GAP_MS after the one before, after which the page
 * counts as calm: about 0.1 s at 60 Hz with no task of 40 ms or more between two frames.
 */
export const CALM_FRAMES = 6;
/**
 * The longest gap between two frames of a calm page (ms): a 30 Hz screen's frame (a projector's, a
 * laptop saving its battery) with up to 3 ms of jitter either way; at 60 Hz, a frame dropped now and then.
 */
export const CALM_FRAME_GAP_MS = 40;

/**
 * Watches the page's frames: given each frame's time (ms, in order), says whether the page has
 * now drawn `frames` frames in a row, each within `maxGapMs` of the one before. A longer gap (a
 * long task: React's first render, a chart's first layout) starts the count again.
 */
export function calmFrames(frames = CALM_FRAMES, maxGapMs = CALM_FRAME_GAP_MS): (frameMs: number) => boolean {
  let lastMs: number | null = null;
  let inARow = 0;
  return (frameMs) => {
    inARow = lastMs !== null && frameMs - lastMs <= maxGapMs ? inARow + 1 : 0;
    lastMs = frameMs;
    return inARow >= frames;
  };
}
