import { useEffect, useId, useRef, type RefObject } from 'react';
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
  /** What confirming does besides, as an unchecked checkbox ("Also remove the 3 imported machines"); none when absent. */
  option?: string;
  /** Called with whether `option` was checked (false without one). */
  onConfirm: (optionChecked: boolean) => void;
  onClose: () => void;
  /** Where focus goes afterwards when the control that opened the dialog is gone. */
  fallbackFocus?: RefObject<HTMLElement | null>;
}

/** The app's own "are you sure?": a modal with the safe choice focused, instead of the browser's `confirm()`. */
export function ConfirmDialog({ open, title, question, confirmLabel, cancelLabel, option, onConfirm, onClose, fallbackFocus }: ConfirmDialogProps) {
  // Ids of its own: the page has more than one of these dialogs.
  const titleId = useId();
  const questionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const optionRef = useRef<HTMLInputElement>(null);
  const { dialogRef, onKeyDown, close } = useModalDialog({ open, onClose, initialFocus: cancelRef, fallbackFocus });
  // Unchecked each time the dialog opens: doing more than asked is never the default.
  useEffect(() => {
    if (open && optionRef.current) optionRef.current.checked = false;
  }, [open]);
  return (
    <dialog
      ref={dialogRef}
      role="alertdialog"
      className="app-dialog confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={questionId}
      onKeyDown={onKeyDown}
    >
      <h2 id={titleId}>{title}</h2>
      <p id={questionId}>{question}</p>
      {option !== undefined && (
        <label className="confirm-option">
          <input ref={optionRef} type="checkbox" /> {option}
        </label>
      )}
      <div className="dialog-buttons">
        <button
          type="button"
          className="danger"
          onClick={() => {
            const checked = optionRef.current?.checked ?? false;
            close();
            onConfirm(checked);
          }}
        >
          {confirmLabel}
        </button>
        <button ref={cancelRef} type="button" className="primary" onClick={close}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
