import { expectNoWorkers, machineFacts, openLab, runAndWait, same, ui, waitFor, workerWatch, type Check } from './checks';
import type { EngineDriver, PageScript } from './driver';

/** The Python parts of the page, as the checks name them. */
export const pythonUi = {
  python: { css: 'input[name="language"][value="python"]', role: 'radio', name: 'Python' },
  javascript: { css: 'input[name="language"][value="javascript"]', role: 'radio', name: 'JavaScript' },
  /** The Code region's Python tab. */
  programTab: { css: '.code-tabs button[role="tab"]:first-child', role: 'tab', name: 'Python' },
  program: { css: '.program-editor textarea', role: 'textbox', name: 'Python program' },
  runProgram: { css: '.program-actions button', role: 'button', name: 'Run program' },
  output: { css: '.program-output', role: 'log', name: 'Program output' },
  /** What the Code region says in place of "Run program" where this browser cannot run programs. */
  programNotes: '.program-runner > .program-note',
} as const;

/** How long Python may take to load (a cold 12 MB fetch and a compile on a busy 2-core machine) before the check calls it a hang. */
const LOAD_TIMEOUT_MS = 60_000;

/** Python's loading on the page, read at one moment: a "Loading Python" bar short of its end, and the page's sentence when it failed. */
const pythonLoad: PageScript<{ loading: boolean; failed: string | null }> = () => {
  // The bar stays, full, once Python has loaded: loading is a bar without a value (sizes not known yet) or below its end.
  const loading = [...document.querySelectorAll('[aria-label="Loading Python"]')].some((bar) =>
    bar instanceof HTMLProgressElement ? !bar.hasAttribute('value') || bar.value < bar.max : Number(bar.getAttribute('aria-valuenow')) < Number(bar.getAttribute('aria-valuemax')),
  );
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let failed: string | null = null;
  for (let node = walker.nextNode(); node !== null && failed === null; node = walker.nextNode()) {
    if (node.textContent?.includes('Python could not be loaded')) failed = node.parentElement?.textContent.trim() ?? null;
  }
  return { loading, failed };
};

/**
 * Waits until Python has loaded (no "Loading Python" bar short of its end, Run enabled) and the page
 * has measured its speed, or the page says in a sentence why it could not; fails if neither comes
 * within `timeoutMs` (a hang).
 */
export async function pythonLoaded(driver: EngineDriver, timeoutMs = LOAD_TIMEOUT_MS): Promise<{ failed: string | null; barSeen: boolean }> {
  let barSeen = false;
  const state = await waitFor(
    'Python loaded or a sentence on why not',
    async () => {
      const load = await driver.evaluate(pythonLoad);
      barSeen ||= load.loading;
      return { ...load, runDisabled: (await driver.attribute(ui.run, 'disabled')) !== null };
    },
    (load) => load.failed !== null || (!load.loading && !load.runDisabled),
    timeoutMs,
  );
  // Once loaded, the page measures one Python worker's speed for its default count: a run would end that worker early.
  if (state.failed === null) await waitFor('Python’s calibration', () => driver.text(ui.countHelp), (text) => text !== '' && !text.includes('Measuring'), timeoutMs);
  return { failed: state.failed, barSeen };
}

/** A fresh Python worker loads an interpreter: 2 of them start in 0.3–0.6 s here, 2 JavaScript workers in ~50 ms. */
const LEAST_PYTHON_STARTUP_MS = 150;
/** Python's count costs more than this, its run's fixed cost included (25–60 ns here); the JavaScript loop's 0.3 ns, or 8 with a run's fixed cost on 10^6. */
const LEAST_PYTHON_NS = 15;

/** One sentence: it ends with a full stop and holds no other sentence's end (". " followed by a capital). */
function expectOneSentence(text: string, what: string): void {
  if (!/\.$/.test(text) || /[.!?] [A-Z]/.test(text)) throw new Error(`${what} is not one sentence: "${text}".`);
}

export const pythonChecks: readonly Check[] = [
  {
    name: 'Python: the radio chooses it, the page waits for "Loading Python", and 2 Python workers count 2,000,000 exactly, all terminated after',
    async run(driver, report) {
      await openLab(driver);
      await driver.click(pythonUi.python);
      const { failed, barSeen } = await pythonLoaded(driver);
      if (failed !== null) {
        // Only where an engine lacks what Python needs: Chromium and Firefox must run it.
        if (driver.name !== 'webkit') throw new Error(`Python did not load in ${driver.name}: "${failed}"`);
        expectOneSentence(failed, 'What the page says of Python');
        report(`Python does not load here, and the page says: "${failed}"`);
        await driver.click(pythonUi.javascript);
        const cell = await runAndWait(driver, 2, '2e6');
        same(await cell('Check'), 'Counted 2,000,000', 'JavaScript after Python failed: Check');
        return;
      }
      const cell = await runAndWait(driver, 2, '2e6');
      same(await cell('Check'), 'Counted 2,000,000', 'Python, 2 workers: Check');
      same(await cell('Workers'), '2', 'Python, 2 workers: Workers');
      const mode = await cell('Mode');
      if (!mode.startsWith('Python')) throw new Error(`Python, 2 workers: the Mode column says "${mode}", not Python's.`);
      await expectNoWorkers(driver, 'Python, 2 workers');
      const { created, mostLive } = await workerWatch(driver);
      same({ created, mostLive }, { created: 2, mostLive: 2 }, 'Python, 2 workers: workers created, most at once');
      const kernel = (await machineFacts(driver)).get('Counting kernel') ?? '';
      if (!kernel.includes('Pyodide')) throw new Error(`This machine names the counting kernel "${kernel}", not Pyodide.`);
      // What only an interpreter does: a worker that loads one starts slowly, and counts at tens of ns (JavaScript at 0.3).
      const startupMs = Number((await cell('Start-up (ms)')).replace(/,/g, ''));
      const computeMs = Number((await cell('Compute (ms)')).replace(/,/g, ''));
      if (!(startupMs >= LEAST_PYTHON_STARTUP_MS)) throw new Error(`Python, 2 workers: start-up ${String(startupMs)} ms, too quick for a worker that loads an interpreter.`);
      const nsPerCount = (computeMs * 1e6) / 1e6;
      if (!(nsPerCount >= LEAST_PYTHON_NS)) throw new Error(`Python, 2 workers: ${String(computeMs)} ms to count 1,000,000 each (${nsPerCount.toFixed(1)} ns a count), too quick for Python.`);
      report(`Python counts here (${barSeen ? '"Loading Python" shown while it loaded' : 'loaded before the check saw a bar'}); 2 workers on 2,000,000: start-up ${String(startupMs)} ms, compute ${String(computeMs)} ms`);
    },
  },
  {
    name: 'the program on the page runs: with 2 workers and 2,000,000, "Run program" prints "2 processes counted to 2_000_000", or the page says in one sentence what the browser lacks',
    async run(driver, report) {
      await openLab(driver, '?workers=2&count=2000000');
      await driver.click(pythonUi.programTab);
      await waitFor(
        'the Python program with the settings',
        () => driver.value(pythonUi.program),
        (text) => text.includes('WORKERS = 2\n') && text.includes('TOTAL = 2_000_000\n'),
      );
      if ((await driver.count(pythonUi.runProgram.css)) === 0) {
        if (driver.name !== 'webkit') throw new Error(`${driver.name} offers no "Run program": ${(await driver.texts(pythonUi.programNotes)).join(' ')}`);
        const notes = await driver.texts(pythonUi.programNotes);
        const lacks = notes.find((note) => note.startsWith('This browser') || note.startsWith('This page'));
        if (lacks === undefined) throw new Error(`No "Run program", and no sentence on why: ${notes.join(' | ')}`);
        expectOneSentence(lacks, 'What the page says the browser lacks');
        report(`programs do not run here, and the page says: "${lacks}"`);
        return;
      }
      await driver.click(pythonUi.runProgram);
      const printed = await waitFor(
        'the program’s line in Program output',
        () => driver.text(pythonUi.output),
        (text) => /2 processes counted to 2_000_000 in [\d.]+ s/.test(text),
        LOAD_TIMEOUT_MS,
      );
      await waitFor('"Run program" again once the program ended', () => driver.text(pythonUi.runProgram.css), (text) => text === 'Run program');
      await expectNoWorkers(driver, 'the program, ended');
      report(`the program ran: ${/2 processes counted to 2_000_000 in [\d.]+ s/.exec(printed)?.[0] ?? ''}`);
    },
  },
  {
    name: 'Python under one lock: 2 Python workers count 2,000,000 exactly, their magnified lanes handing the lock over, with this engine’s lock',
    async run(driver, report) {
      await openLab(driver);
      await driver.click(pythonUi.python);
      const { failed } = await pythonLoaded(driver);
      if (failed !== null) {
        if (driver.name !== 'webkit') throw new Error(`Python did not load in ${driver.name}: "${failed}"`);
        report('Python does not load here: no run under the lock');
        return;
      }
      await driver.click(ui.lock);
      const cell = await runAndWait(driver, 2, '2e6');
      same(await cell('Check'), 'Counted 2,000,000', 'Python under the lock: Check');
      same(await cell('Mode'), 'Python, one lock, split, fresh', 'Python under the lock: Mode');
      // About 50 ms of Python: its turns of 5 ms show in the magnified drawing of the first 40 ms.
      same(await driver.count(ui.timelineMagnified), 1, 'Python under the lock: magnified drawings of the turns');
      for (const lane of [1, 2]) {
        const lanePart = `${ui.timelineLane(lane, ui.timelineMagnified)} .timeline-segment`;
        const turns = {
          'counting, then waiting for the lock': await driver.count(`${lanePart}[data-state="counting"] + [data-state="waiting-lock"]`),
          'waiting for the lock, then counting': await driver.count(`${lanePart}[data-state="waiting-lock"] + [data-state="counting"]`),
        };
        if (Object.values(turns).some((count) => count < 1)) throw new Error(`Python under the lock: Worker ${String(lane)}'s magnified lane does not hand over each way: ${JSON.stringify(turns)}.`);
      }
      await expectNoWorkers(driver, 'Python under the lock');
      // WebKitGTK has no SharedArrayBuffer: there the page passes a token, with Python as with JavaScript.
      const sharedMemory = await driver.evaluate(() => typeof SharedArrayBuffer === 'function' && crossOriginIsolated);
      const said = (await machineFacts(driver)).get('Lock for “Workers sharing one lock”') ?? '';
      if (!said.startsWith(sharedMemory ? 'a real lock: Atomics on shared memory' : 'a token passed from worker to worker')) throw new Error(`This machine says the lock is "${said}".`);
      report(`Python under one lock counts here: ${said}`);
    },
  },
];
