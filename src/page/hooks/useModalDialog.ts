import { useCallback, useEffect, useEffectEvent, useRef, type KeyboardEvent, type RefObject } from 'react';
import { canTakeFocus, FOCUSABLE } from './focusable';

interface ModalDialogOptions {
  open: boolean;
  /** Called as the dialog closes, however it closes (its buttons, Escape), in the same task: the page's state never lags behind the screen. */
  onClose: () => void;
  /** What gets focus as the dialog opens (the safe choice); the dialog's first control otherwise. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Where focus goes on closing when what had it is gone or disabled (the button that opened it, say). */
  fallbackFocus?: RefObject<HTMLElement | null>;
}

/**
 * A native `<dialog>` shown as a modal while `open`: `showModal()` makes the rest of the page
 * inert and gives Escape to the dialog. On top of what every browser does alike, focus goes to
 * `initialFocus`; Tab and Shift+Tab wrap round the dialog's controls (a browser would otherwise
 * move on to its own toolbar); and once closed, focus goes back to what had it before (browsers
 * differ there), or to `fallbackFocus` when that is gone. Its buttons close it with `close`, and
 * Escape closes it in its own keydown: both call `onClose` at once, since the `<dialog>`'s `close`
 * event comes a task later (5–15 ms in Chromium here), and a key or click in between (reopening it, say)
 * was lost against a page that still had it open. Returns the dialog's ref, its keydown handler and `close`.
 */
export function useModalDialog({ open, onClose, initialFocus, fallbackFocus }: ModalDialogOptions) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (open && !dialog.open) {
      openerRef.current = document.activeElement;
      dialog.showModal();
      initialFocus?.current?.focus();
    } else if (!open) {
      if (dialog.open) dialog.close();
      // Here rather than in the closing handler: what the closing changed (a cleared table's button) is drawn by now.
      const opener = openerRef.current;
      if (opener === null) return;
      openerRef.current = null;
      const focused = document.activeElement;
      // Only when focus was left on nothing or in the closed dialog: never take it from where somebody put it.
      if (focused === null || focused === document.body || dialog.contains(focused)) {
        if (canTakeFocus(opener)) opener.focus();
        else if (opener !== document.body) fallbackFocus?.current?.focus();
      }
    }
  }, [open, initialFocus, fallbackFocus]);

  /** Closes the dialog and tells the page in the same handler. */
  const close = useCallback(() => {
    const dialog = dialogRef.current;
    if (dialog?.open === true) dialog.close();
    onClose();
  }, [onClose]);

  // Closings that are not the dialog's own (Escape with focus on nothing inside it, a browser's back gesture): told as the browser announces them.
  const onCancel = useEffectEvent(() => {
    close();
  });
  const onDialogClose = useEffectEvent(() => {
    // Only while the page still has it open: a late event must not close the dialog opened since.
    if (open && dialogRef.current?.open === false) onClose();
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onDialogClose);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onDialogClose);
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'Escape') {
      // Closed here, not by the browser: its closing would tell the page only with the `close` event.
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
    const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = controls.at(0);
    const last = controls.at(-1);
    if (first === undefined || last === undefined) return;
    const focused = document.activeElement;
    if (event.shiftKey && (focused === first || !event.currentTarget.contains(focused))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (focused === last || !event.currentTarget.contains(focused))) {
      event.preventDefault();
      first.focus();
    }
  };

  return { dialogRef, onKeyDown, close };
}
