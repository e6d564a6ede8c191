import { describe, expect, it } from 'vitest';
import { CALM_FRAME_GAP_MS, CALM_FRAMES, calmFrames } from './calmFrames';

/** Feeds frame times to a watch and gives the index of the first frame at which it said calm (-1 if none). */
function calmAt(times: readonly number[], watch = calmFrames()): number {
  return times.findIndex((frameMs) => watch(frameMs));
}

describe('calmFrames', () => {
  it('is calm after CALM_FRAMES frames each within the gap of the one before, not one frame earlier', () => {
    const steady = Array.from({ length: CALM_FRAMES + 3 }, (_, index) => index * 16.7);
    // The first frame has none before it: the frames after it are the ones counted.
    expect(calmAt(steady)).toBe(CALM_FRAMES);
  });

  it('starts counting again after a long frame, as a render of 60–150 ms makes', () => {
    const times = [0, 16.7, 33.4, 50.1, 66.8, 200, 216.7, 233.4, 250.1, 266.8, 283.5, 300.2];
    // Five calm frames, a 133 ms gap, then six more from the frame at 200.
    expect(calmAt(times)).toBe(5 + CALM_FRAMES);
  });

  it('takes a 30 Hz screen with its jitter as calm, a gap of exactly CALM_FRAME_GAP_MS too, and one just over it as not', () => {
    // 33.3 ms frames, each 3 ms early or late in turn: gaps of 39.3 and 27.3 ms.
    const at30Hz = Array.from({ length: CALM_FRAMES + 1 }, (_, index) => index * 33.3 + (index % 2 === 0 ? -3 : 3));
    expect(calmAt(at30Hz)).toBe(CALM_FRAMES);
    const atTheGap = Array.from({ length: CALM_FRAMES + 1 }, (_, index) => index * CALM_FRAME_GAP_MS);
    expect(calmAt(atTheGap)).toBe(CALM_FRAMES);
    const justSlower = Array.from({ length: CALM_FRAMES + 1 }, (_, index) => index * (CALM_FRAME_GAP_MS + 0.5));
    expect(calmAt(justSlower)).toBe(-1);
  });

  it('counts the frames and the gap it is given', () => {
    expect(calmAt([0, 50, 100, 150], calmFrames(2, 50))).toBe(2);
    expect(calmAt([0, 50, 100, 150], calmFrames(2, 49))).toBe(-1);
  });
});
