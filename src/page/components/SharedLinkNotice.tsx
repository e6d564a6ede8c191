import { useRef } from 'react';
import { useFocusAfterDismiss } from '../hooks/useFocusAfterDismiss';

interface SharedLinkNoticeProps {
  /** What the link carries (its machine named), or that it was added; null shows nothing. */
  notice: { sentence: string; canAdd: boolean } | null;
  onAdd: () => void;
  onDismiss: () => void;
}

/** Names the machine a share link's sweep was measured on, and offers to keep it among the Machines; "Dismiss" hands focus on to what follows. */
export function SharedLinkNotice({ notice, onAdd, onDismiss }: SharedLinkNoticeProps) {
  const dismissRef = useRef<HTMLButtonElement>(null);
  const { regionRef, beforeDismiss } = useFocusAfterDismiss<HTMLElement>(notice !== null);
  if (notice === null) return null;
  return (
    <section ref={regionRef} className="notice shared-link-notice" role="status" aria-label="Share link">
      <p>{notice.sentence}</p>
      <div className="shared-link-buttons">
        {notice.canAdd && (
          <button
            type="button"
            onClick={() => {
              onAdd();
              // The button goes once it has done its work: focus stays in the notice, on what is left to do.
              dismissRef.current?.focus();
            }}
          >
            Add to Machines
          </button>
        )}
        <button
          ref={dismissRef}
          type="button"
          className="quiet"
          onClick={() => {
            beforeDismiss();
            onDismiss();
          }}
        >
          Dismiss
        </button>
      </div>
    </section>
  );
}
