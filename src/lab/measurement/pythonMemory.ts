/**
 * How many Python workers this device may start: each holds a whole interpreter (Pyodide's
 * WebAssembly memory, its standard library unpacked), tens of MB, where a JavaScript worker
 * holds a few. The page reads `navigator.deviceMemory` (GB; Chromium only, rounded and capped
 * by the browser, absent elsewhere) and gives the interpreters at most half of it.
 */

/**
 * What one Python worker holds (MB): its interpreter's WebAssembly memory, 30 MB once loaded (Pyodide
 * 314.0.7, HEAP8 in Node), and about 13 MB more per idle interpreter that Chromium 156's
 * measureUserAgentSpecificMemory counts, rounded up (README "Measured figures").
 */
export const PYTHON_MB_PER_INTERPRETER = 45;

/** The memory assumed where the browser reports none (GB): a modest laptop's, so the cap errs on the safe side. */
export const ASSUMED_DEVICE_GB = 2;

/** The share of the device's memory the interpreters may hold together: the browser, the page and the system need the rest. */
export const PYTHON_MEMORY_SHARE = 0.5;

/** The cap, and the memory it was worked out from. */
export interface PythonWorkerCap {
  /** The most Python workers a run may have here: at least 1, at most the slider's top. */
  maxWorkers: number;
  /** `navigator.deviceMemory` when it is a usable number of GB; null when the browser reports none. */
  reportedGb: number | null;
  /** The memory the cap was worked out from (GB): the reported one, or ASSUMED_DEVICE_GB. */
  deviceGb: number;
  mbPerInterpreter: number;
}

/** `navigator.deviceMemory` when it is a positive number of GB; null for anything else (absent in Firefox and Safari). */
export function reportedDeviceGb(deviceMemory: unknown): number | null {
  return typeof deviceMemory === 'number' && Number.isFinite(deviceMemory) && deviceMemory > 0 ? deviceMemory : null;
}

/** The most Python workers this device may start, from its memory and what one interpreter holds, between 1 and the slider's top. */
export function pythonWorkerCap(deviceMemory: unknown, sliderTop: number, mbPerInterpreter = PYTHON_MB_PER_INTERPRETER): PythonWorkerCap {
  const reportedGb = reportedDeviceGb(deviceMemory);
  const deviceGb = reportedGb ?? ASSUMED_DEVICE_GB;
  const fits = Math.floor((deviceGb * 1024 * PYTHON_MEMORY_SHARE) / mbPerInterpreter);
  return { maxWorkers: Math.max(1, Math.min(sliderTop, fits)), reportedGb, deviceGb, mbPerInterpreter };
}

/** "8 GB", "0.5 GB". */
function gigabytes(gb: number): string {
  return `${String(Number(gb.toFixed(2)))} GB`;
}

/**
 * The sentence beside the slider while Python is chosen: how many workers, and why.
 * "Python: at most 12 workers here, each interpreter holds about 40 MB and this device reports 8 GB."
 */
export function pythonCapInWords(cap: PythonWorkerCap, sliderTop: number): string {
  const workers = cap.maxWorkers === 1 ? '1 worker' : `${String(cap.maxWorkers)} workers`;
  const memory =
    cap.reportedGb === null
      ? `this browser does not report its memory, so the page assumes ${gigabytes(cap.deviceGb)}`
      : `this device reports ${gigabytes(cap.reportedGb)}`;
  const limit = cap.maxWorkers < sliderTop ? `at most ${workers} here` : `up to ${workers}, the slider’s top`;
  return `Python: ${limit}, each interpreter holds about ${String(cap.mbPerInterpreter)} MB and ${memory}.`;
}
