import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { visibleMachines } from '../../lab/exchange/chartMachines';
import { machineFromResults, withDistinctLabels, type ChartMachine, type ComparedMachine } from '../../lab/exchange/comparedMachine';
import { quotedFileName } from '../../lab/exchange/quotedFileName';
import { machineStorageProblem } from '../../lab/texts/keeping';
import type { MachineStore } from '../storage/machineStore';
import { EMPTY_MACHINE_LIST, filesToRead, machineChanges, machineListReducer, type MachineListAction, type MachineReading } from '../../lab/stored/machineList';

export interface Machines {
  /** Every imported machine, in the order they were first added; a repeated label shown numbered ("Desk (2)"), as on the charts. */
  machines: readonly ComparedMachine[];
  /** The ids of those hidden from the charts. */
  hidden: ReadonlySet<string>;
  /** The machines the charts draw: the shown ones (the same array until they change, so that the memoized figures stay put). */
  visible: readonly ChartMachine[];
  importFiles: (files: readonly File[]) => Promise<void>;
  add: (machine: ComparedMachine) => void;
  remove: (id: string) => void;
  toggle: (id: string) => void;
  clear: () => void;
  /** One sentence per bad file, refusal or storage failure. */
  problems: readonly string[];
  dismissProblems: () => void;
}

/** One file, read as hostile: its size checked before its text is read, then its format; one sentence naming it when it is bad. */
export async function readMachineFile(file: File): Promise<MachineReading> {
  // The results file's schema (valibot) loads on the first import, not with the page.
  let reader: typeof import('../../lab/exchange/resultsFile');
  try {
    reader = await import('../../lab/exchange/resultsFile');
  } catch {
    return { kind: 'problem', sentence: `${quotedFileName(file.name)} could not be read: the page could not load its file reader (reload the page, then import it again).` };
  }
  const { MAX_RESULTS_FILE_BYTES, readResultsFile } = reader;
  // Not read at all when too large: readResultsFile says so from the size alone.
  if (file.size > MAX_RESULTS_FILE_BYTES) {
    const reading = readResultsFile(file.name, file.size, '');
    if (reading.kind === 'problem') return reading;
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { kind: 'problem', sentence: `${quotedFileName(file.name)} could not be read by the browser.` };
  }
  const reading = readResultsFile(file.name, file.size, text);
  if (reading.kind === 'problem') return reading;
  return { kind: 'ok', name: file.name, machine: machineFromResults(reading.file) };
}

/**
 * The machines imported from other devices' files (or added from a share link), kept in `store`
 * (null where the browser keeps nothing) and loaded from it once, on first use.
 */
export function useMachines(store: MachineStore | null): Machines {
  const [state, setState] = useState(EMPTY_MACHINE_LIST);
  // The latest state, for the next action to start from at once: two imports in a row each see the other's machines.
  const latest = useRef(state);
  // Writes go one after another, in the order the changes were made.
  const writing = useRef<Promise<void>>(Promise.resolve());

  // Shows what an action makes of the latest state, and returns both.
  const update = useCallback((action: MachineListAction) => {
    const before = latest.current;
    const after = machineListReducer(before, action);
    latest.current = after;
    setState(after);
    return { before, after };
  }, []);

  const apply = useCallback(
    (action: MachineListAction) => {
      const { before, after } = update(action);
      if (store === null) return;
      const changes = machineChanges(before.entries, after.entries);
      if (changes.put.length === 0 && changes.remove.length === 0) return;
      writing.current = writing.current
        .then(() => store.apply(changes))
        .catch((error: unknown) => {
          update({ type: 'problem', sentence: machineStorageProblem(error) });
        });
    },
    [store, update],
  );

  useEffect(() => {
    if (store === null) return;
    let live = true;
    store.load().then(
      (reading) => {
        if (live) update({ type: 'loaded', stored: reading.machines, notice: reading.notice });
      },
      (error: unknown) => {
        if (live) update({ type: 'problem', sentence: machineStorageProblem(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [store, update]);

  const importFiles = useCallback(
    async (files: readonly File[]) => {
      const { read, unread } = filesToRead(files);
      const readings = await Promise.all(read.map(readMachineFile));
      apply({ type: 'imported', readings, at: Date.now(), unread });
    },
    [apply],
  );
  const add = useCallback((machine: ComparedMachine) => {
    apply({ type: 'imported', readings: [{ kind: 'ok', name: machine.label, machine }], at: Date.now() });
  }, [apply]);
  const remove = useCallback((id: string) => {
    apply({ type: 'removed', id });
  }, [apply]);
  const toggle = useCallback((id: string) => {
    apply({ type: 'toggled', id });
  }, [apply]);
  const clear = useCallback(() => {
    apply({ type: 'cleared' });
  }, [apply]);
  const dismissProblems = useCallback(() => {
    apply({ type: 'problems-dismissed' });
  }, [apply]);

  const { entries, problems } = state;
  // Shown labels only: what is kept, and each machine's id, stay the file's.
  const machines = useMemo(() => withDistinctLabels(entries.map((entry) => entry.machine)), [entries]);
  const hidden = useMemo(() => new Set(entries.filter((entry) => entry.hidden).map((entry) => entry.machine.id)), [entries]);
  const visible = useMemo(() => visibleMachines(machines, hidden), [machines, hidden]);
  // One object while nothing changed, so that the memoized Machines section is not redrawn while workers count.
  return useMemo(
    () => ({ machines, hidden, visible, importFiles, add, remove, toggle, clear, problems, dismissProblems }),
    [machines, hidden, visible, importFiles, add, remove, toggle, clear, problems, dismissProblems],
  );
}
