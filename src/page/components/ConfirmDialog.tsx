import { useRef, type RefObject } from 'react';
import { useModalDialog } from '../hooks/useModalDialog';

interface ConfirmDialogProps {
  open: boolean;
  /** The dialog's heading and accessible name. */
  title: string;
  /** The question, in one or two sentences. */
  question: string;
  /** The button that does it ("Clear"). */
  confirmLabel: string;
  /** The button that changes nothing ("Keep them"): focus starts there, and Escape does the same. */
  cancelLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  /** Where focus goes afterwards when the control that opened the dialog is gone. */
  fallbackFocus?: RefObject<HTMLElement | null>;
}

/** The app's own "are you sure?": a modal with the safe choice focused, instead of the browser's `confirm()`. */
export function ConfirmDialog({ open, title, question, confirmLabel, cancelLabel, onConfirm, onClose, fallbackFocus }: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { dialogRef, onKeyDown } = useModalDialog({ open, onClose, initialFocus: cancelRef, fallbackFocus });
  return (
    <dialog
      ref={dialogRef}
      role="alertdialog"
      className="app-dialog confirm-dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-question"
      onKeyDown={onKeyDown}
    >
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-question">{question}</p>
      <div className="dialog-buttons">
        <button
          type="button"
          className="danger"
          onClick={() => {
            dialogRef.current?.close();
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button ref={cancelRef} type="button" className="primary" onClick={() => dialogRef.current?.close()}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
