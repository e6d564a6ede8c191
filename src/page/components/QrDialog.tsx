import { useEffect, useRef, useState } from 'react';
import type { BitMatrix } from 'qrcode';
import { ModalFrame } from './ModalFrame';
import { qrLayout, QUIET_MODULES } from '../../lab/exchange/qrLayout';

interface QrDialogProps {
  open: boolean;
  /** The share link the code carries, shown as text under it too. */
  link: string;
  onClose: () => void;
}

/** The code's modules, or why there are none. */
type Drawing = { link: string; modules: BitMatrix } | { link: string; problem: string };

/** Room the dialog's heading, sentence, link and button take beside the code (CSS px), and its side margins. */
const ROOM_FOR_WORDS_PX = 300;
const ROOM_AT_THE_SIDES_PX = 64;

/** The most of the screen's smaller side the code can have, with the dialog's words in sight. */
function availableSidePx(): number {
  return Math.min(window.innerWidth - ROOM_AT_THE_SIDES_PX, window.innerHeight - ROOM_FOR_WORDS_PX);
}

/** The library is loaded on first use, never with the first screen. Level L: a projected code is never torn or stained, and its modules come out larger. */
async function qrModules(link: string): Promise<BitMatrix> {
  const { create } = await import('qrcode');
  return create(link, { errorCorrectionLevel: 'L' }).modules;
}

/** Dark modules on white, quiet zone included, each module a whole number of device pixels: crisp, and dark on white whatever the page's colours. */
function draw(canvas: HTMLCanvasElement, modules: BitMatrix, availablePx: number) {
  const layout = qrLayout(modules.size, availablePx, window.devicePixelRatio);
  canvas.width = layout.canvasPx;
  canvas.height = layout.canvasPx;
  canvas.style.width = `${String(layout.cssPx)}px`;
  canvas.style.height = `${String(layout.cssPx)}px`;
  const context = canvas.getContext('2d');
  if (context === null) return;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, layout.canvasPx, layout.canvasPx);
  context.fillStyle = '#000000';
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column) !== 0) {
        context.fillRect((column + QUIET_MODULES) * layout.modulePx, (row + QUIET_MODULES) * layout.modulePx, layout.modulePx, layout.modulePx);
      }
    }
  }
}

/** "Show QR code": the share link as a QR code drawn on this page, big enough to scan from the back of a classroom, and as text. */
export function QrDialog({ open, link, onClose }: QrDialogProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [drawing, setDrawing] = useState<Drawing | null>(null);
  const [sidePx, setSidePx] = useState<number | null>(null);

  useEffect(() => {
    if (!open) return;
    let current = true;
    qrModules(link).then(
      (modules) => {
        if (current) setDrawing({ link, modules });
      },
      (error: unknown) => {
        if (current) setDrawing({ link, problem: `The QR code could not be drawn (${error instanceof Error ? error.message : String(error)}); the link below still works.` });
      },
    );
    return () => {
      current = false;
    };
  }, [open, link]);

  // A window moved to the projector, or resized, gets a code the size of its new screen.
  useEffect(() => {
    if (!open) return;
    const measure = () => setSidePx(availableSidePx());
    measure();
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('resize', measure);
    };
  }, [open]);

  const shown = drawing !== null && drawing.link === link ? drawing : null;
  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas !== null && shown !== null && 'modules' in shown && sidePx !== null) draw(canvas, shown.modules, sidePx);
  }, [shown, sidePx]);

  return (
    <ModalFrame
      open={open}
      onClose={onClose}
      className="qr-dialog"
      title="Share link as a QR code"
      note="Point a phone’s camera at the code to open this machine’s sweep beside its own."
    >
      <div className="qr-code">
        {shown === null && open && <p className="qr-waiting">Drawing the code…</p>}
        {shown !== null && 'problem' in shown && <p role="alert">{shown.problem}</p>}
        <canvas ref={canvasRef} role="img" aria-label="QR code of the share link" hidden={shown === null || !('modules' in shown)} />
      </div>
      {/* Three lines, scrolled (by keyboard too) when longer: the code keeps the room. */}
      <p className="qr-link" tabIndex={0}>
        {link}
      </p>
    </ModalFrame>
  );
}
