import { useId, useRef, type ReactNode } from 'react';
import { useModalDialog } from '../hooks/useModalDialog';

interface ModalFrameProps {
  open: boolean;
  onClose: () => void;
  /** The dialog's own class (its size and layout in index.css), beside `app-dialog`. */
  className: string;
  /** Its heading and accessible name. */
  title: string;
  /** The sentence under the heading: its accessible description. */
  note: ReactNode;
  children: ReactNode;
}

/** A modal that only shows something: its heading, a sentence, what it shows, and "Close", which has focus as it opens. */
export function ModalFrame({ open, onClose, className, title, note, children }: ModalFrameProps) {
  const titleId = useId();
  const noteId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const { dialogRef, onKeyDown, close } = useModalDialog({ open, onClose, initialFocus: closeRef });
  return (
    <dialog ref={dialogRef} className={`app-dialog ${className}`} aria-labelledby={titleId} aria-describedby={noteId} onKeyDown={onKeyDown}>
      <h2 id={titleId}>{title}</h2>
      <p id={noteId}>{note}</p>
      {children}
      <div className="dialog-buttons">
        <button ref={closeRef} type="button" onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}
