import { useEffect, useState, type SubmitEvent } from 'react';
import { CoresNote } from './components/CoresNote';
import { Explainer } from './components/Explainer';
import { LinkNotices } from './components/LinkNotices';
import { ResultsTable } from './components/ResultsTable';
import { RunButtons } from './components/RunButtons';
import { TimeFigure } from './components/TimeFigure';
import { TotalCountField } from './components/TotalCountField';
import { WorkerLanes } from './components/WorkerLanes';
import { WorkerSlider } from './components/WorkerSlider';
import { useRun } from './hooks/useRun';
import { countProblem, readCount } from './lab/count';
import { describeRun } from './lab/describe';
import { COUNT_PRESETS, DEFAULT_TOTAL, FALLBACK_CORES, maxWorkers, readLink, reportedCores, writeLink } from './lab/settings';

interface AppProps {
  /** navigator.hardwareConcurrency, as the browser gave it. */
  hardwareConcurrency: unknown;
  /** The query string the page was opened with. */
  search: string;
}

export function App({ hardwareConcurrency, search }: AppProps) {
  const reported = reportedCores(hardwareConcurrency);
  const cores = reported ?? FALLBACK_CORES;
  const workerLimit = maxWorkers(cores);
  const [link] = useState(() => readLink(search, { workers: cores, total: DEFAULT_TOTAL }, workerLimit));
  const [workers, setWorkers] = useState(link.settings.workers);
  const [countText, setCountText] = useState(String(link.settings.total));
  const [notices, setNotices] = useState(link.notices);
  const lab = useRun();

  const reading = readCount(countText);
  const problem = countProblem(reading);
  const total = reading.kind === 'ok' ? reading.value : null;
  const running = lab.active !== null;
  const latest = lab.runs.at(-1);

  // The address bar always holds a link that brings these settings back.
  useEffect(() => {
    if (total !== null) window.history.replaceState(null, '', writeLink({ workers, total }) + window.location.hash);
  }, [workers, total]);

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (total !== null && !running) lab.start(workers, total);
  };

  return (
    <>
      <header className="page-header">
        <h1>Parallel Counting Lab</h1>
        <p className="lede">Count to a big number with one worker, then split the same count over more. Watch the time.</p>
        <CoresNote reported={reported} cores={cores} />
      </header>
      <main>
        <LinkNotices notices={notices} onDismiss={() => setNotices([])} />
        <form className="controls" onSubmit={onSubmit} aria-label="Run settings">
          <WorkerSlider value={workers} max={workerLimit} cores={cores} disabled={running} onChange={setWorkers} />
          <TotalCountField
            text={countText}
            problem={problem}
            value={total}
            workers={workers}
            presets={COUNT_PRESETS}
            disabled={running}
            onChange={setCountText}
          />
          <RunButtons running={running} canRun={total !== null} onStop={lab.stop} />
        </form>

        <section className="now" aria-label="Run">
          {lab.active ? (
            <>
              <p className="run-state" role="status">
                {lab.active.phase === 'starting'
                  ? `Starting ${String(lab.active.workers)} ${lab.active.workers === 1 ? 'worker' : 'workers'}…`
                  : 'Counting…'}
              </p>
              <WorkerLanes run={lab.active} />
            </>
          ) : (
            <p className={`run-state${latest?.status === 'failed' ? ' failed' : ''}`} role={latest?.status === 'failed' ? 'alert' : 'status'}>
              {latest ? describeRun(latest, lab.runs) : 'Ready. Pick a number of workers and press Run.'}
            </p>
          )}
        </section>

        <TimeFigure runs={lab.runs} cores={cores} maxWorkers={workerLimit} />

        <section className="results-section" aria-label="Results section">
          <ResultsTable runs={lab.runs} />
          {lab.runs.length > 0 && (
            <button type="button" className="quiet" onClick={lab.clear} disabled={running}>
              Clear results
            </button>
          )}
        </section>

        <Explainer />
      </main>
    </>
  );
}
