import { describe, expect, it } from 'vitest';
import { QUIET_MODULES, qrLayout } from './qrLayout';

describe('qrLayout', () => {
  it('fills the space with whole device pixels a module, quiet zone included', () => {
    // A 1,000-character link: version 22 at level L, 105 modules; 113 with the quiet zone.
    const layout = qrLayout(105, 720, 1);
    expect(layout).toEqual({ modulePx: 6, canvasPx: 678, cssPx: 678 });
    expect(layout.canvasPx % (105 + 2 * QUIET_MODULES)).toBe(0);
  });

  it('counts device pixels on a dense screen, and keeps the same size on the page', () => {
    const layout = qrLayout(105, 720, 2);
    expect(layout.modulePx).toBe(12);
    expect(layout.cssPx).toBe(678);
    const fractional = qrLayout(61, 500, 1.5);
    expect(fractional.modulePx).toBe(Math.floor((500 * 1.5) / 69));
    expect(fractional.cssPx * 1.5).toBeCloseTo(fractional.canvasPx);
  });

  it('never draws a module smaller than a pixel, nor believes a nonsense pixel ratio', () => {
    expect(qrLayout(177, 50, 1).modulePx).toBe(1);
    expect(qrLayout(21, -10, 1).modulePx).toBe(1);
    expect(qrLayout(21, 290, Number.NaN)).toEqual({ modulePx: 10, canvasPx: 290, cssPx: 290 });
    expect(qrLayout(21, 290, 0).modulePx).toBe(10);
  });
});
