import { useEffect, useEffectEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import type { PythonLoad } from '../../lab/pythonLoad';
import { coresHere } from '../../lab/settings/settings';
import { appendOutput, droppedNote, EMPTY_LOG, oneAtATimeSentence, outcomeSentence, programNotes, type OutputLine, type OutputStream, type ProgramLog } from '../../lab/texts/programOutput';
import { programSupport, runProgram } from '../run/runProgram';
import { PythonLoading } from './PythonLoading';

interface ProgramRunnerProps {
  /** The program's text, as the textbox holds it. */
  source: string;
  /** True while a lab run or sweep is under way: a program waits (one at a time). */
  labRunning: boolean;
  onRunningChange?: ((running: boolean) => void) | undefined;
  /** The page's one Python load (usePythonRuntime in App, which loads while a program runs): its bar shows here while a program waits for it. */
  pythonLoad: PythonLoad;
}

type Phase = { kind: 'idle' } | { kind: 'loading' } | { kind: 'running' };

/** WebAssembly stack switching (JSPI), which Pyodide's asyncio.run needs to wait inside a worker's event loop. */
const STACK_SWITCHING = 'Suspending' in WebAssembly;

/** The error's message as one sentence for the page. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * "Run program": prepares Python (loaded only now, with its progress), runs the textbox's program in
 * a worker of its own (src/page/run/runProgram.ts), and shows what it and its processes print in the
 * "Program output" log, then one line on how it ended. "Stop program" (or Escape) ends it and every
 * process it started.
 */
export function ProgramRunner({ source, labRunning, onRunningChange, pythonLoad }: ProgramRunnerProps) {
  const id = useId();
  const [support] = useState(programSupport);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [log, setLog] = useState<ProgramLog>(EMPTY_LOG);
  const [outcome, setOutcome] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  // Output waits here for the next frame: a program printing in a loop redraws the log at most once a frame.
  const pending = useRef<OutputLine[]>([]);
  const frame = useRef<number | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const busy = phase.kind !== 'idle';

  const flush = () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    const chunks = pending.current;
    pending.current = [];
    if (chunks.length > 0) setLog((before) => appendOutput(before, chunks));
  };
  const onOutput = (text: string, stream: OutputStream) => {
    pending.current.push({ text, stream });
    frame.current ??= requestAnimationFrame(flush);
  };

  const run = async () => {
    const abort = new AbortController();
    controller.current = abort;
    pending.current = [];
    setLog(EMPTY_LOG);
    setOutcome(null);
    setPhase({ kind: 'loading' });
    onRunningChange?.(true);
    const stopped = new Promise<'stopped'>((resolve) => {
      abort.signal.addEventListener('abort', () => resolve('stopped'), { once: true });
    });
    try {
      // Python's files load only when a program is first run (or a Python run): nothing of Python is on the first screen.
      // preparePython is memoised: this shares the page's one load, whose progress usePythonRuntime counts (the page's only "Loading Python" state).
      const { preparePython } = await import('../boundary/pythonRuntime');
      const prepared = await Promise.race([preparePython(), stopped]);
      if (prepared === 'stopped') {
        setOutcome('Stopped before the program started: Python had not finished loading.');
        return;
      }
      setPhase({ kind: 'running' });
      const { reported, cores } = coresHere(navigator.hardwareConcurrency);
      const started = performance.now();
      const end = await runProgram(source, { cores: reported ?? cores, prepared, onOutput, signal: abort.signal });
      flush();
      setOutcome(outcomeSentence(end, (performance.now() - started) / 1000));
    } catch (error) {
      flush();
      setOutcome(`The program failed: ${messageOf(error)}`);
    } finally {
      if (controller.current === abort) controller.current = null;
      setPhase({ kind: 'idle' });
      onRunningChange?.(false);
    }
  };
  const stop = () => controller.current?.abort();

  // Escape stops the program as it stops a lab run (src/lab/settings/shortcuts.ts); a key inside one of the page's dialogs is the dialog's.
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.key !== 'Escape' && event.key !== 'Esc') return;
    if (event.target instanceof Element && event.target.closest('dialog') !== null) return;
    stop();
    event.preventDefault();
  });
  useEffect(() => {
    if (!busy) return;
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [busy]);

  // Leaving the page's Code region ends the program: no worker is left behind.
  useEffect(
    () => () => {
      controller.current?.abort();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  // The log follows its newest line.
  useLayoutEffect(() => {
    const element = logRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [log, outcome]);

  const notes = programNotes(source, { stackSwitching: STACK_SWITCHING });
  const dropped = droppedNote(log);
  const { cores } = coresHere(navigator.hardwareConcurrency);

  return (
    <div className="program-runner">
      {notes.map((note) => (
        <p key={note} className="program-note">
          {note}
        </p>
      ))}
      {support === true ? (
        <div className="program-actions">
          {/* One button that turns into Stop, so focus stays on it as the program starts and ends. */}
          <button
            type="button"
            className={busy ? undefined : 'primary'}
            disabled={!busy && labRunning}
            aria-describedby={`${id}-one`}
            aria-keyshortcuts={busy ? 'Escape' : undefined}
            onClick={busy ? stop : () => void run()}
          >
            {busy ? 'Stop program' : 'Run program'}
          </button>
          <p id={`${id}-one`} className="program-note">
            {oneAtATimeSentence(cores)}
          </p>
        </div>
      ) : (
        <p className="program-note">{support}</p>
      )}
      {/* The lab hides its bar meanwhile (App.tsx): one "Loading Python" bar on the page, beside the button that waits. */}
      {phase.kind === 'loading' && pythonLoad.phase === 'loading' && <PythonLoading load={pythonLoad} />}
      <h3 id={`${id}-output`} className="program-output-title">
        Program output
      </h3>
      <div ref={logRef} role="log" aria-live="polite" aria-labelledby={`${id}-output`} tabIndex={0} className="program-output">
        {dropped !== null && <p className="program-dropped">{dropped}</p>}
        {log.lines.map((line, index) => (
          // Lines only ever leave from the front, and the dropped count says how many: index + dropped names a line for good.
          <div key={index + log.dropped} className={line.stream === 'stderr' ? 'program-line program-stderr' : 'program-line'}>
            {line.stream === 'stderr' && log.lines[index - 1]?.stream !== 'stderr' && <span className="visually-hidden">Error output: </span>}
            {line.text}
          </div>
        ))}
        {outcome !== null && <p className="program-outcome">{outcome}</p>}
      </div>
    </div>
  );
}
