interface LinkNoticesProps {
  notices: readonly string[];
  onDismiss: () => void;
}

/** What the page changed of the link it was opened with. */
export function LinkNotices({ notices, onDismiss }: LinkNoticesProps) {
  if (notices.length === 0) return null;
  return (
    <section className="notice" role="status" aria-label="Link">
      <ul>
        {notices.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
      <button type="button" className="quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
}
