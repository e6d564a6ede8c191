import type { RunRecord } from '../../lab/types';
import { ResultsTable } from './ResultsTable';

interface CrashNoticeProps {
  error: Error;
  runs: readonly RunRecord[];
  running: boolean;
  onStop: () => void;
  onRetry: () => void;
}

/** What the page shows when drawing the lab failed: one sentence, the results so far, and a way back. */
export function CrashNotice({ error, runs, running, onStop, onRetry }: CrashNoticeProps) {
  const kept = runs.length === 0 ? 'No runs were lost.' : `Your ${String(runs.length)} ${runs.length === 1 ? 'run is' : 'runs are'} kept below.`;
  return (
    <main className="crash">
      <h1>Parallel Counting Lab</h1>
      <p role="alert" className="run-state failed">
        Something went wrong while drawing the page ({error.message}). {kept}
      </p>
      <div className="crash-actions">
        <button type="button" onClick={onRetry}>
          Show the lab again
        </button>
        {running && (
          <button type="button" onClick={onStop}>
            Stop
          </button>
        )}
      </div>
      <section className="results-section" aria-label="Results section">
        <ResultsTable runs={runs} />
      </section>
    </main>
  );
}
