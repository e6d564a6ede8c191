import { memo, Suspense, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { lessonCountLabel, lessonCountSetting, longProgramWarning } from '../../lab/texts/pythonTime';
import type { PythonLoad } from '../../lab/pythonLoad';
import type { ExecutionModel, Scaling, TaskKind } from '../../lab/types';
import { lazyPart } from '../boundary/lazyPart';

// The programs, highlight.js and the app's own sources as text load after the first screen.
const CodeView = lazyPart(() => import('./CodeView'));

const TABS = [
  { key: 'python', label: 'Python' },
  { key: 'typescript', label: 'TypeScript' },
] as const;

type TabKey = (typeof TABS)[number]['key'];

/** The wait the program shows before the lab has given one (ms). */
const FIRST_WAIT_MS = 1000;

interface CodeRegionProps {
  model: ExecutionModel;
  task: TaskKind;
  workers: number;
  /** The total count; null while the field holds no valid count (the last valid one stays shown). */
  total: number | null;
  /** The longest wait of a waiting task (ms); missing while the count is not valid (the last one given stays shown). */
  waitMs?: number;
  /** How the "Total count" field's count makes the program's total: split ('strong') or given to each worker ('weak'). */
  scaling: Scaling;
  /** True while a run or sweep is under way: the "Total count" field cannot change then. */
  running: boolean;
  /** Puts a count into the "Total count" field, as its presets do. */
  onCountChange: (text: string) => void;
  /** Told when the Python tab's program starts and ends: the lab's Run waits meanwhile (one at a time). */
  onProgramRunningChange?: (running: boolean) => void;
  /** The page's one Python load (App's usePythonRuntime), for the program's "Loading Python" bar. */
  pythonLoad?: PythonLoad;
}

const loading = <p className="code-loading">Loading the code…</p>;

/**
 * The "Code" region: the lesson's Python program with the current settings, and
 * the app's own TypeScript for the same model and task, in two tabs (the WAI-ARIA tabs
 * pattern with automatic activation: the arrow keys, Home and End move and select).
 */
export const CodeRegion = memo(function CodeRegion({ model, task, workers, total, waitMs, scaling, running, onCountChange, onProgramRunningChange, pythonLoad }: CodeRegionProps) {
  const id = useId();
  const [selected, setSelected] = useState<TabKey>('python');
  const tabs = useRef<Partial<Record<TabKey, HTMLButtonElement | null>>>({});
  // The last valid total, so that the program stays while the field is being retyped.
  const [shownTotal, setShownTotal] = useState(total);
  if (total !== null && total !== shownTotal) setShownTotal(total);
  const [shownWaitMs, setShownWaitMs] = useState(waitMs ?? FIRST_WAIT_MS);
  if (waitMs !== undefined && waitMs !== shownWaitMs) setShownWaitMs(waitMs);

  // Stable objects, so that the lazy view highlights again only when its code changes.
  const python = useMemo(
    () =>
      task === 'cpu' && shownTotal === null
        ? null
        : { language: 'python' as const, settings: { model, task, workers, total: shownTotal ?? 0, waitMs: shownWaitMs } },
    [model, task, workers, shownTotal, shownWaitMs],
  );
  const typescript = useMemo(() => ({ language: 'typescript' as const, model, task }), [model, task]);
  // More than about a minute at the lesson's speed: say so, and offer the lesson's count (src/lab/texts/pythonTime.ts).
  const longProgram = python === null ? null : longProgramWarning(python.settings);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.findIndex((tab) => tab.key === selected);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = TABS[(next + TABS.length) % TABS.length];
    setSelected(tab.key);
    tabs.current[tab.key]?.focus();
  };

  const tabId = (key: TabKey) => `${id}-tab-${key}`;
  const panelId = (key: TabKey) => `${id}-panel-${key}`;

  return (
    <section className="code-region" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Code</h2>
      <p>
        The lesson’s Python program with the settings above, to edit and run here, and the app’s own TypeScript that does
        the same work in this browser.
      </p>
      <div role="tablist" aria-label="Language" className="code-tabs" onKeyDown={onKeyDown}>
        {TABS.map((tab) => (
          <button
            key={tab.key}
            ref={(element) => {
              tabs.current[tab.key] = element;
            }}
            type="button"
            role="tab"
            id={tabId(tab.key)}
            aria-selected={selected === tab.key}
            aria-controls={panelId(tab.key)}
            tabIndex={selected === tab.key ? 0 : -1}
            onClick={() => {
              setSelected(tab.key);
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId('python')} aria-labelledby={tabId('python')} hidden={selected !== 'python'} className="code-panel">
        {longProgram !== null && (
          <div className="notice">
            <div>
              <p id={`${id}-long`}>{longProgram}</p>
              <button
                type="button"
                className="quiet"
                disabled={running}
                aria-describedby={`${id}-long`}
                onClick={() => onCountChange(String(lessonCountSetting(scaling, workers)))}
              >
                {lessonCountLabel(scaling, workers)}
              </button>
            </div>
          </div>
        )}
        {python === null ? (
          <p>Type a valid total count above to see the program.</p>
        ) : (
          <Suspense fallback={loading}>
            <CodeView
              source={python}
              labRunning={running}
              {...(onProgramRunningChange ? { onProgramRunningChange } : {})}
              {...(pythonLoad ? { pythonLoad } : {})}
            />
          </Suspense>
        )}
      </div>
      <div
        role="tabpanel"
        id={panelId('typescript')}
        aria-labelledby={tabId('typescript')}
        hidden={selected !== 'typescript'}
        className="code-panel"
      >
        <Suspense fallback={loading}>
          <CodeView source={typescript} />
        </Suspense>
      </div>
    </section>
  );
});
