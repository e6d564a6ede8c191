import { useEffect, useEffectEvent, useRef, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

interface ModalDialogOptions {
  open: boolean;
  /** Called once the dialog has closed, however it closed (its buttons, Escape). */
  onClose: () => void;
  /** What gets focus as the dialog opens (the safe choice); the dialog's first control otherwise. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Where focus goes on closing when what had it is gone or disabled (the button that opened it, say). */
  fallbackFocus?: RefObject<HTMLElement | null>;
}

/** An element focus can go back to: still in the page and not disabled. */
function canTakeFocus(element: Element | null): element is HTMLElement {
  return element instanceof HTMLElement && element.isConnected && element !== document.body && !element.matches(':disabled');
}

/**
 * A native `<dialog>` shown as a modal while `open`: `showModal()` makes the rest of the page
 * inert and gives Escape to the dialog. On top of what every browser does alike, focus goes to
 * `initialFocus`; Tab and Shift+Tab wrap round the dialog's controls (a browser would otherwise
 * move on to its own toolbar); and on closing, focus goes back to what had it before (browsers
 * differ there), or to `fallbackFocus` when that is gone. Returns the dialog's ref and its
 * keydown handler.
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
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocus]);

  const onDialogClose = useEffectEvent(() => {
    const opener = openerRef.current;
    openerRef.current = null;
    const focused = document.activeElement;
    // Only when focus was left on nothing or in the closed dialog: never take it from where somebody put it.
    if (focused === null || focused === document.body || dialogRef.current?.contains(focused) === true) {
      if (canTakeFocus(opener)) opener.focus();
      else if (opener !== document.body) fallbackFocus?.current?.focus();
    }
    onClose();
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    dialog.addEventListener('close', onDialogClose);
    return () => {
      dialog.removeEventListener('close', onDialogClose);
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
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

  return { dialogRef, onKeyDown };
}
