/**
 * How big a QR code is drawn so that a phone can read it off a projector: as large as the room
 * allows, every module the same whole number of device pixels (no blurred edges), with the
 * standard's quiet zone of 4 modules round it.
 */

/** The light margin the QR standard asks for round the code, in modules. */
export const QUIET_MODULES = 4;

export interface QrLayout {
  /** Device pixels a module: a whole number, at least 1. */
  modulePx: number;
  /** The canvas's side in device pixels, quiet zone included. */
  canvasPx: number;
  /** The canvas's side on the page (CSS px): canvasPx at this device's pixel ratio. */
  cssPx: number;
}

/** The layout of a code of `modules` modules a side within `availableCssPx` CSS pixels on a screen of `devicePixelRatio`. */
export function qrLayout(modules: number, availableCssPx: number, devicePixelRatio: number): QrLayout {
  const ratio = Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? devicePixelRatio : 1;
  const side = modules + 2 * QUIET_MODULES;
  const modulePx = Math.max(1, Math.floor((Math.max(0, availableCssPx) * ratio) / side));
  const canvasPx = modulePx * side;
  return { modulePx, canvasPx, cssPx: canvasPx / ratio };
}
