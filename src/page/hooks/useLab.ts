import { useEffect, useMemo, useReducer, useState } from 'react';
import { initialLabState, labReducer } from '../../lab/runState';
import type { SweepStep } from '../../lab/settings/sweep';
import type { KernelKind, RunPlan } from '../../lab/types';
import { createRunController, type PageVisibility, type SweepPlan, type WorkerSources } from '../run/runController';
import { liveRunStore, type LiveRunSource } from '../run/liveRun';
import { newUniqueId, type RunStore } from '../storage/runStore';
import type { PythonCounter } from '../run/runOnWorkers';
import { spawnCounter } from '../boundary/spawnWorker';
import { serviceWorkerSettled } from '../boundary/serviceWorker';
import { freshWorkers, workerPool, type Spawn } from '../boundary/workerSource';
import { liveRedraws } from './liveRedraws';
import { releasablePool } from './releasablePool';

/** The tab's visibility, as the run controller reads it. */
const documentVisibility: PageVisibility = {
  hidden: () => document.visibilityState === 'hidden',
  subscribe: (onChange) => {
    document.addEventListener('visibilitychange', onChange);
    return () => {
      document.removeEventListener('visibilitychange', onChange);
    };
  },
};

/** Python's side of the page (src/page/boundary/pythonRuntime.ts), imported at the first Python run: nothing of it is on the first screen. */
let pythonRuntime: typeof import('../boundary/pythonRuntime') | null = null;

/** A Python worker; the controller prepares Python (which imports its module) before it asks for any. */
const spawnPython: Spawn<PythonCounter> = (name) => {
  if (pythonRuntime === null) throw new Error('Python was not prepared before its workers were asked for.');
  return pythonRuntime.spawnPythonCounter(name);
};

/** Python prepared once for the page, importing its module first. */
async function preparePythonHere() {
  pythonRuntime ??= await import('../boundary/pythonRuntime');
  return pythonRuntime.preparePython();
}

/**
 * Counting workers: fresh ones, or a pool. The loop they count with is the run's `kernel` (runModel asks each worker for it).
 * A plan in Python gets Python workers (useLab adds them), fresh or from a pool of their own, once Python is prepared.
 */
const counterWorkers: WorkerSources = {
  fresh: () => freshWorkers(spawnCounter),
  pool: () => workerPool(spawnCounter),
};

/**
 * The lab's runs and sweeps bound to React: the state in a reducer, and the run controller
 * (src/page/run/runController.ts) that runs, records and sweeps. Unmounting stops the run and
 * terminates the pool. With a `store`, the runs kept from earlier visits come back first, and
 * every run that ends is kept. With a `kernel`, every worker is asked to count with it (the
 * link's ?kernel=). The page gives both once: the controller is built at the first render.
 * While a run goes, its progress and timeline reach only `live`, which the run's bars and
 * timeline read (src/page/run/liveRun.ts); the state gets them as the run ends.
 */
export function useLab(store: RunStore | null = null, kernel: KernelKind | null = null) {
  const [state, dispatch] = useReducer(labReducer, initialLabState);
  const [live] = useState(() => liveRunStore(dispatch, liveRedraws));
  /** What became of the kept runs: one sentence when some were set aside or nothing can be kept. */
  const [storageNotice, setStorageNotice] = useState<string | null>(null);
  // The pool of Python workers, which the page lets go of when JavaScript is chosen again (each interpreter holds about 45 MB).
  const [pythonPool] = useState(() => releasablePool(() => workerPool(spawnPython)));
  // Building it creates no worker and reads nothing, so StrictMode's second render is harmless.
  const [controller] = useState(() =>
    createRunController({
      dispatch: live.dispatch,
      store,
      now: () => performance.now(),
      visibility: documentVisibility,
      workers: { ...counterWorkers, python: { fresh: () => freshWorkers(spawnPython), pool: () => pythonPool, prepare: preparePythonHere } },
      kernel,
      onStorageNotice: setStorageNotice,
      newId: newUniqueId,
      redraws: liveRedraws,
      beforeRun: serviceWorkerSettled,
    }),
  );

  // Whether the runs kept from earlier visits are back (at once where nothing is kept): Run waits for them, saying so.
  const [keptRunsRead, setKeptRunsRead] = useState(store === null);
  useEffect(() => {
    // Once per page, even when StrictMode runs this effect twice: the controller reads the store once.
    // The reading never rejects: a store that fails leaves its sentence in `storageNotice`.
    void controller.restore().then(() => {
      setKeptRunsRead(true);
    });
    return () => {
      controller.dispose();
    };
  }, [controller]);

  const actions = useMemo(
    () => ({
      start: (plan: RunPlan) => {
        void controller.start(plan);
      },
      /** `predict` gives each worker count's "Prediction (ms)", if the class made one. */
      startSweep: (steps: readonly SweepStep[], plan: SweepPlan, predict?: (workers: number) => number | null) => {
        void controller.startSweep(steps, plan, predict);
      },
      stop: controller.stop,
      /** Whether a run or sweep is going, already in the task that started it (the state says so at the next render). */
      busyNow: controller.busy,
      /** Forgets every run, kept ones included (the page asks first). */
      clear: () => {
        void controller.clear();
      },
      dismissStorageNotice: controller.dismissStorageNotice,
      /** Terminates the idle pooled Python workers (a run still using some ends them when it ends); the next pooled Python run starts new ones. */
      releasePythonPool: pythonPool.release,
    }),
    [controller, pythonPool],
  );

  const liveView: LiveRunSource = live;
  return { ...state, ...actions, storageNotice, keptRunsRead, live: liveView };
}

/** The lab's runs and the actions on them, as useLab returns them. */
export type Lab = ReturnType<typeof useLab>;
