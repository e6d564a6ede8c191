/** What a counting worker offers the page: the one typed boundary between them. */
export interface CounterApi {
  /**
   * Pays the JIT warm-up and answers once the kernel is hot, so that the
   * warm-up counts as start-up and never as compute.
   */
  ready(): Promise<void>;
  /**
   * Counts from 0 to `share` and resolves with the exact count reached
   * (less than `share` only when stopped). Calls `onProgress` with the count
   * so far at most every PROGRESS_INTERVAL_MS.
   */
  count(share: number, onProgress?: (counted: number) => void): Promise<number>;
  /** Asks a running count to end at its next chunk boundary. */
  stop(): void;
}

export type RunStatus = 'done' | 'stopped' | 'failed';

/**
 * How the work shares the machine, as in the lesson's second half:
 * 'parallel': workers side by side, like Python processes;
 * 'lock': the same workers, but one shared lock lets one count at a time, handed over every
 *   switch interval, like Python threads under the GIL;
 * 'main-thread': tasks taking turns in slices on the page's own thread (concurrency without parallelism).
 */
export type ExecutionModel = 'parallel' | 'lock' | 'main-thread';

/** What each worker or task does: count (CPU-bound), or wait a set time (I/O-bound, like a network or disk wait). */
export type TaskKind = 'cpu' | 'io';

/**
 * 'strong': the lesson's experiment, one fixed total split over the workers (ideal time falls as 1/k).
 * 'weak': every worker counts the same count (ideal time stays flat while there are cores).
 */
export type Scaling = 'strong' | 'weak';

/** What a run is asked to do. */
export interface RunPlan {
  workers: number;
  scaling: Scaling;
  /** The "Total count" setting: the total for strong scaling, each worker's count for weak. */
  count: number;
  /** Workers from a pool started once, instead of fresh ones. */
  pooled: boolean;
  /** The sweep this run belongs to, if any. */
  sweepId: number | null;
}

/** One run of the lab as it is recorded in the results. */
export interface RunRecord extends RunPlan {
  /** 1, 2, 3 … in the order the runs were started. */
  id: number;
  /** The total the run was asked to count: `count`, or `workers × count` for weak scaling. */
  total: number;
  /** The sum of what the workers answered; equals `total` for an honest done run. */
  counted: number;
  status: RunStatus;
  /** First `new Worker` → every worker ready; null when the run never got that far. */
  startupMs: number | null;
  /** Start signal → last result; null unless the run is done. */
  computeMs: number | null;
  /** First `new Worker` → last result; null unless the run is done. */
  wallMs: number | null;
  /** The page was hidden at some moment of the run, so the browser may have slowed it. */
  hiddenDuringRun: boolean;
  /** Why a failed run failed, in one sentence. */
  error?: string;
}

/** What the run's timeline reports back to the page. */
export interface RunTimings {
  startupMs: number;
  computeMs: number;
  wallMs: number;
  /** What each worker answered, in worker order. */
  countedByWorker: number[];
}
