import { memo } from 'react';
import { loadProgressInWords, pythonLoadInWords, type PythonLoad } from '../../lab/pythonLoad';

/**
 * The "Loading Python" bar while Python's files load (bytes loaded of the total, in words beside
 * it), left full once they have; nothing before Python is chosen or after a failed load.
 */
export const PythonLoading = memo(function PythonLoading({ load }: { load: PythonLoad }) {
  if (load.phase === 'idle' || load.phase === 'failed' || (load.phase === 'ready' && load.totalBytes === 0)) return null;
  const total = load.totalBytes;
  const loaded = load.phase === 'ready' ? total : load.loadedBytes;
  const words = loadProgressInWords(loaded, total);
  return (
    <div className="python-loading">
      {/* Before the sizes are known the bar has no value: an indeterminate bar, as a browser shows a download starting. */}
      <progress aria-label="Loading Python" aria-valuetext={words} max={total > 0 ? total : undefined} value={total > 0 ? loaded : undefined} />
      <span className="python-loading-words">{pythonLoadInWords(load)}</span>
    </div>
  );
});
