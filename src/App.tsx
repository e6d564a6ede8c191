import { useCallback, useEffect, useMemo, useRef, useState, type SubmitEvent } from 'react';
import { ChoiceGroup } from './page/components/ChoiceGroup';
import { CodeRegion } from './page/components/CodeRegion';
import { ConfirmDialog } from './page/components/ConfirmDialog';
import { CoresNote } from './page/components/CoresNote';
import { CrashNotice } from './page/components/CrashNotice';
import { ErrorBoundary } from './page/components/ErrorBoundary';
import { ExportControls } from './page/components/ExportControls';
import { Explainer } from './page/components/Explainer';
import { Figures } from './page/components/Figures';
import { MachinesSection } from './page/components/MachinesSection';
import { FrameMeter } from './page/components/FrameMeter';
import { MachineLabelField } from './page/components/MachineLabelField';
import { Notices } from './page/components/Notices';
import { UpdateNotice } from './page/components/UpdateNotice';
import { ModelControls } from './page/components/ModelControls';
import { ResultsTable } from './page/components/ResultsTable';
import { PredictionField } from './page/components/PredictionField';
import { QuietRunField } from './page/components/QuietRunField';
import { RunButtons } from './page/components/RunButtons';
import { PresentationControls } from './page/components/PresentationControls';
import { PythonLoading } from './page/components/PythonLoading';
import { RunStatus } from './page/components/RunStatus';
import { SettingsFold } from './page/components/SettingsFold';
import { ShareControls } from './page/components/ShareControls';
import { SharedLinkNotice } from './page/components/SharedLinkNotice';
import { ShortcutsDialog } from './page/components/ShortcutsDialog';
import { StatsTable } from './page/components/StatsTable';
import { Summary } from './page/components/Summary';
import { SweepControls } from './page/components/SweepControls';
import { ThisMachine } from './page/components/ThisMachine';
import { TotalCountField } from './page/components/TotalCountField';
import { WorkerSlider } from './page/components/WorkerSlider';
import { useCalibration, usePythonCalibration } from './page/hooks/useCalibration';
import { useServiceWorkerWhenIdle } from './page/hooks/useServiceWorkerWhenIdle';
import { useLab, type Lab } from './page/hooks/useLab';
import { useLinkInAddressBar } from './page/hooks/useLinkInAddressBar';
import { usePageSettings } from './page/hooks/usePageSettings';
import { usePresentationMode } from './page/hooks/usePresentationMode';
import { useCompareMachines } from './page/hooks/useCompareMachines';
import { useRememberedSwitch } from './page/hooks/useRememberedSwitch';
import { usePythonRuntime } from './page/hooks/usePythonRuntime';
import { useShortcuts } from './page/hooks/useShortcuts';
import { readPreferences, rememberQuiet, type PreferenceStorage } from './page/storage/preferences';
import { browserRunStore } from './page/storage/runStore';
import { storageProblem } from './lab/texts/keeping';
import { seriesWordsOf } from './lab/exchange/comparedMachine';
import { alsoRemoveMachines, removeAllMachinesQuestion } from './lab/texts/machineTable';
import { analyze, finishedRuns } from './lab/measurement/analysis';
import { calibratedTotal, estimateOnOneWorker } from './lab/measurement/calibrate';
import { countProblem, readCount } from './lab/measurement/count';
import { usableNsPerCount, waitsForShares } from './lab/models/ioTask';
import { lockInWords, lockKindHere, SCALING_LABELS, waitInWords } from './lab/texts/lesson';
import { RUN_WAITS_FOR_KEPT_RUNS } from './lab/texts/announce';
import { LAB_WAITS_FOR_PROGRAM } from './lab/texts/programOutput';
import { canFreeze, countsOnWorkers, KERNEL_LANGUAGES, SCALINGS, type KernelLanguage } from './lab/models/catalog';
import { pythonSupport } from './lab/models/pythonSupport';
import { pythonCapInWords, pythonWorkerCap } from './lab/measurement/pythonMemory';
import { pythonWaitReason } from './lab/pythonLoad';
import { engineOf, kernelFor, kernelInWords } from './lab/measurement/kernelChoice';
import { browserName } from './lab/measurement/machine';
import { predictionFor, readPrediction } from './lab/settings/prediction';
import { countFoldSummary, MORE_SETTINGS_SUMMARY } from './lab/settings/presentation';
import { settingsFromLink, settingsLink, type PageSettings } from './lab/settings/pageSettings';
import { COUNT_PRESETS, coresHere, DEFAULT_PYTHON_TOTAL, DEFAULT_TOTAL } from './lab/settings/settings';
import { clearResultsQuestion, steppedWorkers, type ShortcutAction } from './lab/settings/shortcuts';
import { countsUnderCap, describeSweepPlan, planSweep, readRepeats, readWorkerCounts } from './lab/settings/sweep';
import { sharesFor } from './lab/measurement/split';
import type { RunPlan } from './lab/types';

/** What the browser tells the page when it opens. */
export interface Environment {
  hardwareConcurrency: unknown;
  /** The query string the page was opened with. */
  search: string;
  userAgent: string;
  crossOriginIsolated: boolean;
  /** Whether `SharedArrayBuffer` exists here (not implied by cross-origin isolation). */
  sharedArrayBuffer: boolean;
  /** Tells an iPad that presents itself as a Mac from a Mac. */
  maxTouchPoints: number;
  /** Where the page remembers presentation mode between visits (`localStorage`), or null where the browser refuses storage. */
  preferences: PreferenceStorage | null;
  /** `navigator.deviceMemory` (GB; Chromium only): how many Python interpreters this device may hold. */
  deviceMemory?: unknown;
}

const SCALING_OPTIONS = SCALINGS.map((value) => ({ value, label: SCALING_LABELS[value] }));

const LANGUAGE_LABELS: Readonly<Record<KernelLanguage, string>> = { javascript: 'JavaScript', python: 'Python' };
const LANGUAGE_OPTIONS = KERNEL_LANGUAGES.map((value) => ({ value, label: LANGUAGE_LABELS[value] }));

const WORKER_OPTIONS = [
  { value: 'fresh', label: 'Fresh workers for every run' },
  { value: 'pool', label: 'Reuse a pool started once' },
] as const;

/**
 * The lab: the runs live here, above an error boundary, so that a fault while
 * drawing any part of the page leaves a sentence and every result.
 */
export function App({ environment }: { environment: Environment }) {
  // The runs are kept in this browser between visits (IndexedDB), one store for the page's life.
  const [store] = useState(browserRunStore);
  // The link the page was opened with, read once (src/lab/settings/link.ts): its kernel is the runs', the rest the controls'.
  const [opened] = useState(() =>
    settingsFromLink(environment.search, coresHere(environment.hardwareConcurrency), readPreferences(environment.preferences)),
  );
  const lab = useLab(store, opened.settings.kernel);
  return (
    <ErrorBoundary
      fallback={(error, retry) => <CrashNotice error={error} runs={lab.runs} running={lab.active !== null || lab.sweep !== null} onStop={lab.stop} onRetry={retry} />}
    >
      <LabPage environment={environment} lab={lab} storeMissing={store === null} opened={opened} />
    </ErrorBoundary>
  );
}

/** The page: settings, runs and sweeps, and the regions that show them. */
function LabPage({ environment, lab, storeMissing, opened }: { environment: Environment; lab: Lab; storeMissing: boolean; opened: { settings: PageSettings; notices: string[] } }) {
  const { reported, cores, workerLimit: sliderTop } = coresHere(environment.hardwareConcurrency);
  // An interpreter takes tens of MB: while Python is chosen, the slider and the sweep go up to what this device can hold (src/lab/measurement/pythonMemory.ts).
  // Read once: the device's memory and its cores do not change while the page is open.
  const [pythonCap] = useState(() => pythonWorkerCap(environment.deviceMemory, sliderTop));
  // Every setting in one place (src/lab/settings/pageSettings.ts): the controls, the link, runs and sweeps read it.
  const { settings, set, notices, dismissNotices } = usePageSettings(opened, sliderTop);
  const { chosenCount, workerCountsText, repeatsText, scaling, workerReuse, model, task, freeze, kernel: linkedKernel, language } = settings;
  const inPython = language === 'python';
  const workerLimit = inPython ? pythonCap.maxWorkers : sliderTop;
  // The slider's own value holds while Python caps it, so that JavaScript gets it back.
  const workers = Math.min(settings.workers, workerLimit);
  const countsText = inPython ? countsUnderCap(workerCountsText, cores, sliderTop, workerLimit) : workerCountsText;
  // The Code region's Python program and the lab's runs take turns (src/page/components/ProgramRunner.tsx).
  const [programRunning, setProgramRunning] = useState(false);
  // Nothing of Python is fetched until it is chosen (or a program runs); then it loads at once, and the runs wait for it: the page's one load.
  const pythonRuntime = usePythonRuntime(inPython || programRunning);
  const pythonReady = pythonRuntime.load.phase === 'ready';
  const running = lab.active !== null || lab.sweep !== null;
  // Measured with the loop the runs count with, so that predictions and waits use its speed.
  const calibration = useCalibration(linkedKernel);
  // Not while a program runs: one at a time, so that neither slows the other.
  const pythonCalibration = usePythonCalibration(inPython && pythonReady && !running && !programRunning);
  const speed = inPython ? pythonCalibration : calibration;
  // Offline use and "Reload to update": the service worker's first install waits until nothing is measured or loaded.
  useServiceWorkerWhenIdle(running || programRunning || calibration.measuring || pythonCalibration.measuring || pythonRuntime.load.phase === 'loading', lab.busyNow);

  const calibrated = speed.nsPerCount === null ? null : calibratedTotal(speed.nsPerCount);
  const countText = chosenCount ?? String(calibrated ?? (inPython ? DEFAULT_PYTHON_TOTAL : DEFAULT_TOTAL));
  const reading = readCount(countText);
  const problem = countProblem(reading);
  const count = reading.kind === 'ok' ? reading.value : null;
  const workerCounts = useMemo(() => readWorkerCounts(countsText, workerLimit), [countsText, workerLimit]);
  const repeats = useMemo(() => readRepeats(repeatsText), [repeatsText]);
  const steps = useMemo(
    () => (workerCounts.ok && repeats.ok ? planSweep(workerCounts.value, repeats.value) : []),
    [workerCounts, repeats],
  );
  // Where the browser has no IndexedDB at all, the page says once that nothing is kept.
  const [noStoreNotice, setNoStoreNotice] = useState(storeMissing ? storageProblem(null) : null);
  const storageNotices = [noStoreNotice, lab.storageNotice].filter((notice) => notice !== null);
  const { dismissStorageNotice } = lab;
  const dismissStorageNotices = useCallback(() => {
    setNoStoreNotice(null);
    dismissStorageNotice();
  }, [dismissStorageNotice]);
  // What every run and sweep of these settings is asked to do, but for its worker count.
  const nsPerCount = usableNsPerCount(speed.nsPerCount);
  const plan = useMemo(
    (): Omit<RunPlan, 'workers' | 'sweepId' | 'predictionMs'> | null =>
      count === null
        ? null
        : {
            scaling,
            count,
            pooled: workerReuse === 'pool',
            model,
            task,
            freeze: canFreeze(model, task) && freeze,
            nsPerCount,
            // Absent for JavaScript, so that its runs are recorded as every run before them.
            ...(inPython ? { language: 'python' as const } : {}),
          },
    [scaling, count, workerReuse, model, task, freeze, nsPerCount, inPython],
  );
  // While Python is chosen: Run waits for it to load, and refuses a model and task it does not offer, saying why.
  const support = inPython ? pythonSupport(model, task) : null;
  const unavailable = support !== null && !support.offered ? support.why : null;
  const waitReason = !lab.keptRunsRead ? RUN_WAITS_FOR_KEPT_RUNS : programRunning ? LAB_WAITS_FOR_PROGRAM : inPython ? (pythonWaitReason(pythonRuntime.load) ?? unavailable) : null;
  // A failed load leaves one sentence, and the page counting in JavaScript.
  const pythonFailed = pythonRuntime.load.phase === 'failed';
  useEffect(() => {
    if (pythonFailed) set.language('javascript');
  }, [pythonFailed, set]);
  // Back to JavaScript: the pooled Python workers (about 45 MB an interpreter) are let go, not kept until the page closes.
  const { releasePythonPool } = lab;
  useEffect(() => {
    if (!inPython) releasePythonPool();
  }, [inPython, releasePythonPool]);
  // "Prediction (ms)": one time for the slider's worker count, or one per worker count; a mistake keeps Run off.
  const prediction = useMemo(() => readPrediction(settings.predictionText, workerLimit), [settings.predictionText, workerLimit]);
  const canStart = plan !== null && prediction.kind !== 'bad' && waitReason === null;
  const waits = useMemo(() => (count === null ? [] : waitsForShares(sharesFor({ workers, scaling, count }), nsPerCount)), [workers, scaling, count, nsPerCount]);
  const waitText = waitInWords(waits);
  // What the charts, the statistics and the summary are drawn from: the same array until a run that went well comes or goes,
  // so that a Stop (a stopped run changes none of them) redraws only the status, the bars and the Results table.
  const [finished, setFinished] = useState(() => finishedRuns([], lab.runs));
  const nowFinished = finishedRuns(finished, lab.runs);
  if (nowFinished !== finished) setFinished(nowFinished);
  const analysis = useMemo(() => analyze(nowFinished, { cores, reportedCores: reported, maxWorkers: workerLimit }), [nowFinished, cores, reported, workerLimit]);
  const browser = useMemo(() => browserName(environment.userAgent, environment.maxTouchPoints), [environment.userAgent, environment.maxTouchPoints]);
  // "Compare machines": the label, this machine's description, other machines and a share link's sweep (src/page/hooks/useCompareMachines.ts).
  const { machineLabel, thisMachine: thisMachineDescription, machines, sharedLink, chartMachines, ownMachine } = useCompareMachines({
    analysis,
    preferences: environment.preferences,
    reportedCores: reported,
    browser,
    userAgent: environment.userAgent,
    maxTouchPoints: environment.maxTouchPoints,
    crossOriginIsolated: environment.crossOriginIsolated,
    timerResolutionMs: calibration.timerResolutionMs,
  });

  // The address bar holds a link that brings these settings back, once they hold still.
  const settingsQuery = settingsLink({ ...settings, workers }, count);
  useLinkInAddressBar(settingsQuery, running);
  // A shared link leaves presentation mode out: a class scanning the projector's QR code would get (and keep) it on their phones.
  const shareQuery = settingsLink({ ...settings, workers, present: false }, count);
  // Presentation mode lays the page out for a projector (src/index.css) and is remembered for the next visit.
  usePresentationMode(settings.present, environment.preferences);
  // "Quiet run" is remembered at each change too, as presentation mode is.
  useRememberedSwitch(settings.quiet, environment.preferences, rememberQuiet);

  /** Starts a run of these settings when one can start (as "Run" and R do); says whether it did. */
  const startRun = () => {
    if (plan === null || !canStart || running) return false;
    calibration.cancel();
    pythonCalibration.cancel();
    lab.start({ ...plan, workers, sweepId: null, predictionMs: predictionFor(prediction, workers, workers) });
    return true;
  };
  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    startRun();
  };
  // Stable between redraws, so that the memoized controls are not redrawn while the workers count.
  const { cancel: cancelCalibration } = calibration;
  const { cancel: cancelPythonCalibration } = pythonCalibration;
  const { startSweep } = lab;
  const onSweep = useCallback(() => {
    if (plan === null || !canStart || running || steps.length === 0) return;
    cancelCalibration();
    cancelPythonCalibration();
    startSweep(steps, plan, (stepWorkers) => predictionFor(prediction, stepWorkers, workers));
  }, [plan, canStart, prediction, workers, running, steps, cancelCalibration, cancelPythonCalibration, startSweep]);

  // The page's dialogs: one at a time, and the keyboard shortcuts are off while one is open.
  const [openDialog, setOpenDialog] = useState<'shortcuts' | 'clear-results' | 'remove-machines' | null>(null);
  const closeDialog = useCallback(() => setOpenDialog(null), []);
  const askToRemoveMachines = useCallback(() => setOpenDialog('remove-machines'), []);
  const resultsRef = useRef<HTMLElement>(null);
  const machinesTableRef = useRef<HTMLDivElement>(null);
  const canClear = lab.runs.length > 0 && !running;
  // Each shortcut does what its button does, and only when that button could (src/lab/settings/shortcuts.ts).
  const onShortcut = (action: ShortcutAction): boolean => {
    switch (action) {
      case 'run':
        return startRun();
      case 'stop':
        if (!running) return false;
        lab.stop();
        return true;
      case 'sweep':
        if (plan === null || !canStart || running || steps.length === 0) return false;
        onSweep();
        return true;
      case 'toggle-presentation':
        set.present(!settings.present);
        return true;
      case 'more-workers':
      case 'fewer-workers':
        if (running) return false;
        set.workers(steppedWorkers(workers, action, workerLimit));
        return true;
      case 'clear-results':
        if (!canClear) return false;
        setOpenDialog('clear-results');
        return true;
      case 'show-shortcuts':
        setOpenDialog('shortcuts');
        return true;
    }
  };
  useShortcuts(openDialog === null, onShortcut);

  return (
    <>
      <header className="page-header">
        <h1>Parallel Counting Lab</h1>
        <p className="lede">Count to a big number with one worker, then split the same count over more. Watch the time.</p>
        <CoresNote reported={reported} cores={cores} />
        <FrameMeter sinceMs={lab.timeline?.startedAtMs} paused={settings.quiet && running} workersCounting={running && countsOnWorkers(model)} />
        <PresentationControls present={settings.present} onPresentChange={set.present} />
        <button type="button" className="quiet shortcuts-button" aria-keyshortcuts="?" onClick={() => setOpenDialog('shortcuts')}>
          Keyboard shortcuts <kbd aria-hidden="true">?</kbd>
        </button>
      </header>
      <main>
        <Notices label="Link" notices={notices} onDismiss={dismissNotices} />
        <SharedLinkNotice notice={sharedLink.notice} onAdd={sharedLink.add} onDismiss={sharedLink.dismiss} />
        <Notices label="Share link" notices={sharedLink.problems} onDismiss={sharedLink.dismiss} />
        <Notices label="Stored results" notices={storageNotices} onDismiss={dismissStorageNotices} />
        <Notices label="Python" notices={pythonRuntime.load.phase === 'failed' ? [pythonRuntime.load.sentence] : []} onDismiss={pythonRuntime.dismiss} />
        <UpdateNotice busy={running || programRunning} />
        {/* The settings, and what a run changes: side by side from 1280 px, the chart in sight while the workers count (src/index.css). */}
        <div className="workbench">
          <form className="controls" onSubmit={onSubmit} aria-label="Run settings">
            <WorkerSlider
              value={workers}
              max={workerLimit}
              cores={cores}
              disabled={running}
              onChange={set.workers}
              note={inPython ? pythonCapInWords(pythonCap, sliderTop) : null}
            />
            <SettingsFold folds={settings.present} summary={countFoldSummary(count, prediction)}>
              <TotalCountField
                text={countText}
                problem={problem}
                value={count}
                workers={workers}
                scaling={scaling}
                estimate={speed.nsPerCount === null || count === null ? null : estimateOnOneWorker(speed.nsPerCount, count)}
                measuring={speed.measuring}
                presets={COUNT_PRESETS}
                disabled={running}
                onChange={set.count}
              />
              <PredictionField
                text={settings.predictionText}
                problem={prediction.kind === 'bad' ? prediction.problem : null}
                disabled={running}
                onChange={set.prediction}
              />
            </SettingsFold>
            <RunButtons running={running} canRun={canStart} onStop={lab.stop} waitReason={running ? null : waitReason}>
              {/* While a program waits for Python, its runner shows the bar instead: one "Loading Python" bar on the page. */}
              <QuietRunField quiet={settings.quiet} onChange={set.quiet} />
              {inPython && !(programRunning && pythonRuntime.load.phase === 'loading') && <PythonLoading load={pythonRuntime.load} />}
            </RunButtons>
            <SettingsFold folds={settings.present} summary={MORE_SETTINGS_SUMMARY}>
              <SweepControls
                countsText={countsText}
                countsProblem={workerCounts.ok ? null : workerCounts.problem}
                plan={workerCounts.ok && repeats.ok ? describeSweepPlan(workerCounts.value, repeats.value) : null}
                repeatsText={repeatsText}
                repeatsProblem={repeats.ok ? null : repeats.problem}
                running={running}
                canSweep={canStart && steps.length > 0}
                onCountsChange={set.workerCounts}
                onRepeatsChange={set.repeats}
                onSweep={onSweep}
              />
              <ModelControls
                model={model}
                task={task}
                freeze={freeze}
                waitText={waitText}
                disabled={running}
                onModelChange={set.model}
                onTaskChange={set.task}
                onFreezeChange={set.freeze}
                unavailable={unavailable}
              />
              <div className="choices">
                <ChoiceGroup legend="Kernel language" name="language" value={language} options={LANGUAGE_OPTIONS} disabled={running} onChange={set.language} />
                <ChoiceGroup legend="Work" name="scaling" value={scaling} options={SCALING_OPTIONS} disabled={running} onChange={set.scaling} />
                <ChoiceGroup legend="Workers for each run" name="worker-kind" value={workerReuse} options={WORKER_OPTIONS} disabled={running} onChange={set.workerReuse} />
              </div>
            </SettingsFold>
          </form>

          <div className="stage">
            <RunStatus
              active={lab.active}
              lanes={lab.lanes}
              sweep={lab.sweep}
              stoppedSweep={lab.stoppedSweep}
              runs={lab.runs}
              timeline={lab.timeline}
              reportedCores={reported}
              calibratedNsPerCount={speed.nsPerCount}
              live={lab.live}
              quiet={settings.quiet}
            />
            <div className="outcome">
              <Summary sentences={analysis.summary} scrolls={settings.present} />
              <Figures analysis={analysis} cores={cores} maxWorkers={workerLimit} part="wall-clock" machines={chartMachines} />
            </div>
          </div>
        </div>
        <Figures analysis={analysis} cores={cores} maxWorkers={workerLimit} part="others" machines={chartMachines} />

        <section ref={resultsRef} tabIndex={-1} className="results-section" aria-label="Results section">
          <ResultsTable runs={lab.runs} />
          {lab.runs.length > 0 && (
            <button type="button" className="quiet" onClick={() => setOpenDialog('clear-results')} disabled={running} aria-keyshortcuts="C">
              Clear results
            </button>
          )}
          <StatsTable stats={analysis.stats} />
        </section>

        {/* A class's machines side by side, with no server: this machine's results out, others' in. */}
        <section className="compare-section" aria-label="Compare machines">
          <h2>Compare machines</h2>
          <h3>This machine’s results</h3>
          <MachineLabelField text={machineLabel.text} problem={machineLabel.problem} onChange={machineLabel.change} />
          <ExportControls runs={lab.runs} machine={thisMachineDescription} series={analysis.series?.key ?? null} stats={analysis.stats} />
          <ShareControls
            machine={thisMachineDescription}
            stats={analysis.stats}
            seriesWords={seriesWordsOf(analysis.series)}
            scaling={analysis.series?.scaling ?? null}
            query={shareQuery}
          />
          <h3>Other machines</h3>
          <MachinesSection own={ownMachine} machines={machines} onRemoveAll={askToRemoveMachines} tableRef={machinesTableRef} />
        </section>

        <div className="closing">
          <ThisMachine
            reportedCores={reported}
            measuredCores={analysis.measuredCores}
            measuredCoresWords={analysis.measuredCoresWords}
            crossOriginIsolated={environment.crossOriginIsolated}
            sharedArrayBuffer={environment.sharedArrayBuffer}
            timerResolutionMs={calibration.timerResolutionMs}
            browser={browser}
            lock={lockInWords(lockKindHere(environment.sharedArrayBuffer, environment.crossOriginIsolated), lab.runs)}
            kernel={kernelInWords({
              wanted: linkedKernel ?? kernelFor(engineOf(environment.userAgent, environment.maxTouchPoints)),
              linked: linkedKernel !== null,
              ran: lab.runs.findLast((run) => run.kernel !== undefined)?.kernel ?? null,
              language,
            })}
          />
          <Explainer />
          <CodeRegion
            model={model}
            task={task}
            workers={workers}
            // The program splits its total: with the same count per worker, that is workers × count.
            total={count === null ? null : scaling === 'weak' ? count * workers : count}
            {...(waits.length > 0 ? { waitMs: Math.max(...waits) } : {})}
            scaling={scaling}
            running={running}
            onCountChange={set.count}
            onProgramRunningChange={setProgramRunning}
            pythonLoad={pythonRuntime.load}
          />
        </div>
      </main>
      <ShortcutsDialog open={openDialog === 'shortcuts'} onClose={closeDialog} />
      <ConfirmDialog
        open={openDialog === 'clear-results'}
        title="Clear results?"
        question={clearResultsQuestion(lab.runs.length)}
        confirmLabel="Clear"
        cancelLabel="Keep them"
        {...(machines.machines.length > 0 ? { option: alsoRemoveMachines(machines.machines.length) } : {})}
        onConfirm={(alsoMachines) => {
          lab.clear();
          if (alsoMachines) machines.clear();
        }}
        onClose={closeDialog}
        fallbackFocus={resultsRef}
      />
      <ConfirmDialog
        open={openDialog === 'remove-machines'}
        title="Remove all machines?"
        question={removeAllMachinesQuestion(machines.machines.length)}
        confirmLabel="Remove"
        cancelLabel="Keep them"
        onConfirm={machines.clear}
        onClose={closeDialog}
        fallbackFocus={machinesTableRef}
      />
    </>
  );
}
