import { useFocusAfterDismiss } from '../hooks/useFocusAfterDismiss';

interface NoticesProps {
  /** The status's name: "Link" for what the page changed of its link, "Stored results" for what it did with the kept runs. */
  label: string;
  notices: readonly string[];
  onDismiss: () => void;
}

/** Sentences on what the page changed or set aside, with a button to dismiss them (focus then goes on to what follows); nothing when there are none. */
export function Notices({ label, notices, onDismiss }: NoticesProps) {
  const { regionRef, beforeDismiss } = useFocusAfterDismiss<HTMLElement>(notices.length > 0);
  if (notices.length === 0) return null;
  return (
    <section ref={regionRef} className="notice" role="status" aria-label={label}>
      <ul>
        {notices.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
      <button
        type="button"
        className="quiet"
        onClick={() => {
          beforeDismiss();
          onDismiss();
        }}
      >
        Dismiss
      </button>
    </section>
  );
}
