import { memo, useSyncExternalStore } from 'react';
import { readWaitingUpdate, subscribeToUpdate } from '../boundary/serviceWorker';

interface UpdateNoticeProps {
  /** A run, a sweep or a program is under way: the notice waits until it ends, so a reload never cuts one short (its runs' storing, begun as it ends, takes milliseconds). */
  busy: boolean;
}

/** "A new version of the lab is ready." with "Reload to update", once a new service worker waits; nothing otherwise. */
export const UpdateNotice = memo(function UpdateNotice({ busy }: UpdateNoticeProps) {
  const applyUpdate = useSyncExternalStore(subscribeToUpdate, readWaitingUpdate);
  if (applyUpdate === null || busy) return null;
  return (
    <section className="notice update-notice" role="status" aria-label="Update">
      <p>A new version of the lab is ready.</p>
      <button type="button" onClick={applyUpdate}>
        Reload to update
      </button>
    </section>
  );
});
