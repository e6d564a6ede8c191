import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { readResultsFile } from '../../src/lab/exchange/resultsFile';
import { machineFacts, runAndWait, same, ui, waitFor, type Check } from './checks';
import { cssOf, type EngineDriver, type EngineName, type PageScript, type Target } from './driver';

/** A file the page handed to the browser to save, as the capture recorded it. */
export interface CapturedDownload {
  /** The anchor's download attribute. */
  name: string;
  /** The Blob's type, or the data URL's. */
  type: string;
  /** Its size in bytes. */
  size: number;
  /** Its text, or for an image other than SVG its first 8 bytes in hex (a PNG's signature). */
  text: string;
}

/** A file to give the page, built in the page itself (for a drop). */
export interface PageFile {
  name: string;
  type: string;
  text: string;
}

/** What the capture keeps in the page between the click and the read. */
interface DownloadCapture {
  blobs: Map<string, Blob>;
  downloads: { name: string; href: string }[];
}

declare global {
  interface Window {
    /** What the page saved since installDownloadCapture. */
    __downloadCapture?: DownloadCapture;
    /** What the page wrote to the clipboard since installClipboardCapture. */
    __clipboardWrites?: string[];
  }
}

/**
 * Records every file the page saves instead of saving it: the Blob each object URL was made of, and
 * each <a download> clicked (by a user's click, or by script on an anchor in or out of the document).
 * Each driver saves downloads its own way, or not at all; this reads the same thing in every engine.
 */
const installDownloadCapture: PageScript<void> = () => {
  if (window.__downloadCapture) return;
  const capture: DownloadCapture = { blobs: new Map(), downloads: [] };
  window.__downloadCapture = capture;
  const createObjectURL = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = createObjectURL(object);
    if (object instanceof Blob) capture.blobs.set(url, object);
    return url;
  };
  const record = (anchor: HTMLAnchorElement) => capture.downloads.push({ name: anchor.download, href: anchor.href });
  // An anchor's click() is HTMLElement's: kept for anchors that save nothing.
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (this.hasAttribute('download')) record(this);
    else HTMLElement.prototype.click.call(this);
  };
  window.addEventListener(
    'click',
    (event) => {
      const anchor = event.target instanceof Element ? event.target.closest('a[download]') : null;
      if (!(anchor instanceof HTMLAnchorElement)) return;
      record(anchor);
      event.preventDefault();
    },
    true,
  );
};

/** The files saved since the capture was installed, read back (a Blob made on the page, or a data URL). */
const readDownloads: PageScript<Promise<CapturedDownload[]>> = async () => {
  const capture = window.__downloadCapture;
  if (!capture) throw new Error('The download capture is gone: the page reloaded.');
  const read = async (blob: Blob) => {
    if (!blob.type.startsWith('image/') || blob.type.startsWith('image/svg')) return blob.text();
    const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
    return Array.from(head, (byte) => byte.toString(16).padStart(2, '0')).join('');
  };
  return Promise.all(
    capture.downloads.map(async ({ name, href }) => {
      let blob = capture.blobs.get(href);
      if (!blob) {
        const data = /^data:([^;,]*)(;[^,]*)?,(.*)$/s.exec(href);
        if (!data) return { name, type: '', size: 0, text: `(neither a Blob made on this page nor a data URL: ${href.slice(0, 60)})` };
        const [, type, parameters = '', body] = data;
        const bytes = parameters.endsWith(';base64') ? Uint8Array.from(atob(body), (char) => char.charCodeAt(0)) : new TextEncoder().encode(decodeURIComponent(body));
        blob = new Blob([bytes], { type });
      }
      return { name, type: blob.type, size: blob.size, text: await read(blob) };
    }),
  );
};

/**
 * Records what the page writes to the clipboard (and lets the write succeed without touching the
 * system's clipboard, which headless engines refuse or share between checks).
 */
const installClipboardCapture: PageScript<void> = () => {
  if (window.__clipboardWrites) return;
  const writes: string[] = [];
  window.__clipboardWrites = writes;
  const writeText = (text: string) => {
    writes.push(text);
    return Promise.resolve();
  };
  if ('clipboard' in navigator) Object.defineProperty(navigator.clipboard, 'writeText', { value: writeText, configurable: true });
  else Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
};

const readClipboardWrites: PageScript<string[]> = () => [...(window.__clipboardWrites ?? [])];

/** The clipboard refuses from now on, as a browser does where the page may not write to it. */
const refuseClipboard: PageScript<void> = () => {
  const writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  if ('clipboard' in navigator) Object.defineProperty(navigator.clipboard, 'writeText', { value: writeText, configurable: true });
};

/**
 * Drops files on the page as a user's drag from the desktop does: dragenter, dragover and drop on
 * the body, with a DataTransfer holding Files built in the page. Returns what the engine lacked, or null.
 */
const dropFiles: PageScript<string | null, PageFile[]> = (files) => {
  if (typeof DataTransfer !== 'function') return 'no DataTransfer constructor';
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(new File([file.text], file.name, { type: file.type }));
  if (transfer.files.length !== files.length) return `a DataTransfer holding ${String(transfer.files.length)} of ${String(files.length)} files`;
  for (const type of ['dragenter', 'dragover', 'drop']) {
    const event = new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer });
    if (event.dataTransfer !== transfer) return `a ${type} event without its DataTransfer`;
    document.body.dispatchEvent(event);
  }
  return null;
};

/**
 * A temporary folder for the files a check uploads, removed after `use`: an engine reads an uploaded
 * file from disk when the page reads it, after the upload command has returned.
 */
async function withFolder<T>(use: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'lab-exchange-'));
  try {
    return await use(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** How a file reached the page's file input in this engine. */
type Delivery = 'upload' | 'drop';

/**
 * Gives the files to a file input through the driver's own upload (written into `folder` first);
 * where the engine's driver cannot, drops them on the page instead. Says which it used.
 */
async function giveFiles(driver: EngineDriver, input: string, folder: string, files: readonly PageFile[], how: Delivery | 'either' = 'either'): Promise<Delivery> {
  if (how !== 'drop') {
    const paths = await Promise.all(
      files.map(async (file) => {
        const path = join(folder, file.name);
        await writeFile(path, file.text);
        return path;
      }),
    );
    try {
      await driver.setInputFiles(input, paths);
      return 'upload';
    } catch (error) {
      if (how === 'upload') throw error;
    }
  }
  const lacking = await driver.evaluate(dropFiles, [...files]);
  if (lacking !== null) throw new Error(`${driver.name} cannot drop files on the page: ${lacking}.`);
  return 'drop';
}

/** A server of our own in front of the build, which the offline check can stop answering. */
interface Relay {
  /** Its origin, e.g. http://127.0.0.1:40123: the page's own origin for the offline check (its service worker registers there). */
  origin: string;
  /** Stops answering: the listening socket and every open connection are closed, so each new request is refused. */
  stop(): Promise<void>;
}

/**
 * Passes every request on to `target` (the build's server) and its answer back unchanged (headers
 * included: COOP, COEP, the policy). The engines' drivers cannot all cut the network (only
 * Playwright has setOffline), but every engine sees a server stop.
 */
async function startRelay(target: string): Promise<Relay> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const upstream = httpRequest(new URL(request.url ?? '/', target), { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', (error) => {
      response.writeHead(502).end(error.message);
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${String(port)}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/** The Compare machines section as the checks name it. */
export const exchangeUi = {
  machineLabel: { css: '#machine-label', role: 'textbox', name: 'Machine label' },
  exportCsv: { css: '.export-buttons > button:nth-child(1)', role: 'button', name: 'Export CSV' },
  exportJson: { css: '.export-buttons > button:nth-child(2)', role: 'button', name: 'Export JSON' },
  exportChart: { css: '.export-chart > button', role: 'button', name: 'Export chart' },
  /** The chart menu's items (SVG, PNG). */
  chartItem: (format: 'SVG' | 'PNG') => `.export-menu button:nth-child(${format === 'SVG' ? '1' : '2'})`,
  exportSentence: '#export-reason',
  /** The "Import results" file input (its label, a button to look at, names it). */
  importResults: '.machines-import input[type="file"]',
  machines: { css: 'table.machines-table', role: 'table', name: 'Machines' },
  /** Each row's first cell: the machine's label. */
  machineLabels: 'table.machines-table tbody tr > th',
  importProblems: '[role="status"][aria-label="Imported machines"] li',
  copyShareLink: { css: '.share-buttons > button:nth-child(1)', role: 'button', name: 'Copy share link' },
  shareByHand: { css: '.share-by-hand input', role: 'textbox', name: 'Share link' },
  sharedNotice: '[role="status"].shared-link-notice',
  addToMachines: { css: '.shared-link-buttons > button:first-child', role: 'button', name: 'Add to Machines' },
} as const;

/** The browser's name as the page gives it (src/lab/measurement/machine.ts browserName), for each engine the checks drive. */
const BROWSER_NAMES: Readonly<Record<EngineName, RegExp>> = {
  chromium: /^(Chrome|Chromium)\b.* \d+$/,
  firefox: /^Firefox \d+$/,
  webkit: /^WebKitGTK \(Safari’s engine\)$/,
};
const ENGINE_NAMES = { chromium: 'v8', firefox: 'spidermonkey', webkit: 'javascriptcore' } as const satisfies Record<EngineName, string>;

/** One sentence: it ends with a full stop and holds no other sentence's end (". " followed by a capital). */
function expectOneSentence(text: string, what: string): void {
  if (!/\.$/.test(text) || /[.!?] [A-Z]/.test(text)) throw new Error(`${what} is not one sentence: "${text}".`);
}

/** Per driver, the targets whose role and name it has checked on an earlier page of this run. */
const checkedTargets = new WeakMap<EngineDriver, Set<string>>();

/**
 * The driver's click, fill, value, attribute and text, with each target's role and name checked until
 * its first use succeeds in this run, and by its CSS selector alone afterwards: the same build names it
 * the same on every page, and Firefox's driver takes 1.5–3 s to query its accessibility tree for each
 * target on each page (most of what these checks took there).
 */
function checkedOnce(driver: EngineDriver) {
  const checked = checkedTargets.get(driver) ?? new Set<string>();
  checkedTargets.set(driver, checked);
  // `found`: whether the call met the element (text() of a missing one gives '' without checking it).
  const use = async <T>(target: Target, act: (target: Target) => Promise<T>, found: (result: T) => boolean = () => true): Promise<T> => {
    if (typeof target === 'string' || checked.has(target.css)) return act(cssOf(target));
    const result = await act(target);
    if (found(result)) checked.add(target.css);
    return result;
  };
  return {
    click: (target: Target) => use(target, (named) => driver.click(named)),
    fill: (target: Target, text: string) => use(target, (named) => driver.fill(named, text)),
    value: (target: Target) => use(target, (named) => driver.value(named)),
    attribute: (target: Target, name: string) => use(target, (named) => driver.attribute(named, name)),
    text: (target: Target) => use(target, (named) => driver.text(named), (text) => text !== ''),
  };
}

/** Waits for the lab's heading and its calibration, as openLab does, on a page opened at any origin. */
async function labReady(driver: EngineDriver): Promise<void> {
  await waitFor('the page heading', () => checkedOnce(driver).text(ui.heading), (text) => text === 'Parallel Counting Lab');
  await waitFor('the count help after calibration', () => driver.text(ui.countHelp), (text) => text !== '' && !text.includes('Measuring'), 20_000);
}

/** How long the service worker may take to install (precaching the app) after the first visit. */
const SERVICE_WORKER_TIMEOUT_MS = 20_000;

/** 'activated' once a service worker is active for the page's scope, else what there is after `timeoutMs`. */
const serviceWorkerReady: PageScript<Promise<string>, number> = async (timeoutMs) => {
  if (!('serviceWorker' in navigator)) return 'no navigator.serviceWorker';
  const timedOut = new Promise<string>((resolve) => {
    setTimeout(() => {
      void navigator.serviceWorker.getRegistrations().then((registrations) => {
        resolve(`after ${String(timeoutMs)} ms: ${String(registrations.length)} registrations, ${registrations.map((registration) => registration.installing ? 'installing' : registration.waiting ? 'waiting' : 'none active').join(', ')}`);
      });
    }, timeoutMs);
  });
  const ready = navigator.serviceWorker.ready.then((registration) => registration.active?.state ?? 'no active worker');
  const state = await Promise.race([ready, timedOut]);
  if (state !== 'activating') return state;
  // Ready resolves once a worker is activating; wait for it to be activated.
  const registration = await navigator.serviceWorker.ready;
  const active = registration.active;
  if (active === null) return 'no active worker';
  await new Promise<void>((resolve) => {
    if (active.state === 'activated') resolve();
    else active.addEventListener('statechange', () => {
      if (active.state === 'activated') resolve();
    });
  });
  return active.state;
};

/** A fresh page of the lab at `search` (after the origin's '/'), ready once it has calibrated. */
async function openPage(driver: EngineDriver, search = ''): Promise<void> {
  await driver.open(`/${search}`);
  await labReady(driver);
}

/** A sweep of 1 and 2 workers, one repeat, of the count the page was opened with: its 2 rows. */
async function quickSweep(driver: EngineDriver): Promise<void> {
  await checkedOnce(driver).fill(ui.workerCounts, '1, 2');
  await checkedOnce(driver).fill(ui.repeats, '1');
  await waitFor('the sweep plan', () => driver.text(ui.sweepHelp), (text) => text === '2 worker counts × 1 repeat + 1 warm-up = 3 runs.');
  await waitFor('Run sweep enabled', () => checkedOnce(driver).attribute(ui.sweep, 'disabled'), (disabled) => disabled === null);
  await checkedOnce(driver).click(ui.sweep);
  await waitFor('the sweep to end', () => driver.count(ui.resultRows), (rows) => rows === 2, 60_000);
  await waitFor('the sweep status to go', () => driver.count(ui.sweepStatus), (count) => count === 0);
}

/** The page's small sweep: 2,000,000 counted by 1 and 2 workers. */
const SWEEP_PAGE = '?workers=1&count=2000000';

/** Clicks a button that saves a file and waits for the file; a page that says it could not save gets that sentence thrown. */
async function saved(driver: EngineDriver, button: Target, what: string): Promise<CapturedDownload> {
  const before = (await driver.evaluate(readDownloads)).length;
  await checkedOnce(driver).click(button);
  const files = await waitFor(
    `${what} saved (or a sentence on why not)`,
    async () => ({ files: await driver.evaluate(readDownloads), sentence: await driver.text(exchangeUi.exportSentence) }),
    ({ files, sentence }) => files.length > before || sentence.startsWith('This browser could not'),
    20_000,
  );
  const file = files.files.at(before);
  if (!file) throw new Error(`${driver.name} did not save ${what}: the page says "${files.sentence}"`);
  return file;
}

/** The label each check types: markup in it must come out as text wherever it is shown. */
const labelFor = (driver: EngineDriver, where: string) => `${where} <b>${driver.name}</b>`;

export const exchangeChecks: readonly Check[] = [
  {
    name: 'Export JSON saves every run and this browser, valid for the import; Export CSV and the chart as SVG and PNG save too; the JSON imported in a fresh page is a row of Machines, and a broken file gets one sentence while it stays',
    async run(driver, report) {
      await openPage(driver, SWEEP_PAGE);
      const label = labelFor(driver, 'Desk 7');
      await checkedOnce(driver).fill(exchangeUi.machineLabel, label);
      await quickSweep(driver);
      await driver.evaluate(installDownloadCapture);

      const json = await saved(driver, exchangeUi.exportJson, 'the JSON file');
      const reading = readResultsFile(json.name, json.size, json.text);
      if (reading.kind !== 'ok') throw new Error(`The exported JSON does not read back: ${reading.sentence}`);
      const { machine, runs, statistics } = reading.file;
      const today = new Date().toISOString().slice(0, 10);
      if (!json.name.startsWith('counting-lab-desk-7-') || !json.name.endsWith(`-${today}.json`)) throw new Error(`The JSON file is named "${json.name}".`);
      same(
        runs.map((run) => [run.workers, run.total, run.counted, run.status]),
        [
          [1, 2_000_000, 2_000_000, 'done'],
          [2, 2_000_000, 2_000_000, 'done'],
        ],
        'the exported runs: workers, total, counted, status',
      );
      same(statistics.rows.length, 2, 'the exported statistics rows');
      const page = await driver.evaluate(() => ({ cores: navigator.hardwareConcurrency, isolated: crossOriginIsolated }));
      same(
        { label: machine.label, browser: machine.browser, engine: machine.engine, reportedCores: machine.reportedCores, crossOriginIsolated: machine.crossOriginIsolated },
        { label, browser: (await machineFacts(driver)).get('Browser') ?? '', engine: ENGINE_NAMES[driver.name], reportedCores: page.cores, crossOriginIsolated: page.isolated },
        'the exported machine (against This machine and the page)',
      );
      if (!BROWSER_NAMES[driver.name].test(machine.browser)) throw new Error(`The exported browser is "${machine.browser}".`);

      const csv = await saved(driver, exchangeUi.exportCsv, 'the CSV file');
      const table = Papa.parse<string[]>(csv.text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
      const kind = table[0]?.indexOf('kind') ?? -1;
      same(
        { name: csv.name, kinds: table.slice(1).map((row) => row[kind]) },
        { name: json.name.replace(/\.json$/, '.csv'), kinds: ['run', 'run', 'statistics', 'statistics'] },
        'the CSV file: its name, and the kind of each row',
      );
      const images: string[] = [];
      for (const format of ['SVG', 'PNG'] as const) {
        await checkedOnce(driver).click(exchangeUi.exportChart);
        const image = await saved(driver, exchangeUi.chartItem(format), `the chart as ${format}`);
        const fine = format === 'SVG' ? image.type.startsWith('image/svg+xml') && /^(<\?xml[^>]*>\s*)?<svg[\s>]/.test(image.text) && image.text.includes('<title>Wall-clock') : image.type === 'image/png' && image.text === '89504e470d0a1a0a';
        if (!fine || !image.name.endsWith(`.${format.toLowerCase()}`)) throw new Error(`The chart as ${format}: "${image.name}", ${image.type}, ${String(image.size)} bytes, beginning "${image.text.slice(0, 80)}".`);
        images.push(`${format} ${String(image.size)} bytes`);
      }

      await openPage(driver);
      const inputLabel = await driver.evaluate((css) => document.querySelector<HTMLInputElement>(css)?.labels?.[0]?.textContent.trim() ?? null, exchangeUi.importResults);
      same(inputLabel, 'Import results', 'the file input’s label');
      const broken = { name: 'broken <i>results</i>.json', type: 'application/json', text: '{"format": "parallel-counting-lab/results", "version": 1, "runs": [' };
      const { good, bad } = await withFolder(async (folder) => {
        const good = await giveFiles(driver, exchangeUi.importResults, folder, [{ name: json.name, type: 'application/json', text: json.text }]);
        await waitFor('the imported machine in Machines', () => driver.texts(exchangeUi.machineLabels), (labels) => labels.length === 2 && labels[1] === label);
        // A file dropped on the page, wherever the upload worked too.
        const bad = await giveFiles(driver, exchangeUi.importResults, folder, [broken], 'drop');
        return { good, bad };
      });
      const problems = await waitFor('a sentence on the broken file', () => driver.texts(exchangeUi.importProblems), (texts) => texts.length > 0);
      same(problems.length, 1, 'sentences on the broken file');
      expectOneSentence(problems[0], 'What the page says of the broken file');
      if (!problems[0].includes('broken <i>results</i>.json')) throw new Error(`The sentence on the broken file does not name it: "${problems[0]}".`);
      const labels = await driver.texts(exchangeUi.machineLabels);
      if (labels.length !== 2 || !labels[0].includes('(this machine)') || labels[1] !== label) throw new Error(`Machines after the broken file: ${JSON.stringify(labels)}.`);
      same(await driver.count('section.compare-section b, section.compare-section i'), 0, 'elements made of the labels’ and file name’s markup');
      report(`exported JSON (${String(json.size)} bytes), CSV, chart ${images.join(', ')}; imported by ${good === 'upload' ? 'the driver’s file upload' : 'a dropped File'}, the broken file by ${bad === 'drop' ? 'a dropped File' : bad}`);
    },
  },
  {
    name: 'Copy share link copies a link of at most 1,000 characters (shown in a field where the clipboard refuses); opened in a fresh page it names its machine, and Add to Machines makes it a row; a tampered link gets one sentence and the page still runs',
    async run(driver, report) {
      await openPage(driver, SWEEP_PAGE);
      const label = labelFor(driver, 'Lab PC');
      await checkedOnce(driver).fill(exchangeUi.machineLabel, label);
      await quickSweep(driver);
      await driver.evaluate(installClipboardCapture);
      await checkedOnce(driver).click(exchangeUi.copyShareLink);
      const [link] = await waitFor('the link written to the clipboard', () => driver.evaluate(readClipboardWrites), (writes) => writes.length === 1);
      if (!link.startsWith(`${driver.origin}/?`) || !link.includes('#') || link.length > 1000) throw new Error(`The share link is "${link}" (${String(link.length)} characters).`);
      // Where the clipboard refuses, the page shows the same link in a field to copy by hand.
      await driver.evaluate(refuseClipboard);
      await checkedOnce(driver).click(exchangeUi.copyShareLink);
      await waitFor('the link in the field to copy by hand', () => checkedOnce(driver).value(exchangeUi.shareByHand), (text) => text === link);

      await openPage(driver, link.slice(`${driver.origin}/`.length));
      const notice = await waitFor('the notice naming the link’s machine', () => driver.text(`${exchangeUi.sharedNotice} > p`), (text) => text.includes(label));
      await waitFor('the link’s machine on the wall-clock chart', () => driver.text(ui.timeFigure), (text) => text.includes(label));
      await checkedOnce(driver).click(exchangeUi.addToMachines);
      await waitFor('the link’s machine in Machines', () => driver.texts(exchangeUi.machineLabels), (labels) => labels.length === 2 && labels[1] === label);
      same(await driver.count('section.compare-section b, .shared-link-notice b, figure b'), 0, 'elements made of the label’s markup');

      const [address, fragment] = link.split('#');
      const middle = Math.floor(fragment.length / 2);
      const tampered = `${address}#${fragment.slice(0, middle)}${fragment[middle] === 'A' ? 'B' : 'A'}${fragment.slice(middle + 1)}`;
      await openPage(driver, tampered.slice(`${driver.origin}/`.length));
      const sentences = await waitFor('a sentence on the tampered link', () => driver.texts('section.notice li, section.notice > p'), (texts) => texts.length > 0);
      same(sentences.length, 1, `sentences on the tampered link (${JSON.stringify(sentences)})`);
      expectOneSentence(sentences[0], 'What the page says of the tampered link');
      same(await driver.count(exchangeUi.addToMachines.css), 0, '"Add to Machines" for a tampered link');
      const cell = await runAndWait(driver, 2, '2e6');
      same(await cell('Check'), 'Counted 2,000,000', 'a run after the tampered link: Check');
      report(`the share link (${String(link.length)} characters) opened: "${notice}"; the tampered one: "${sentences[0]}"`);
    },
  },
  {
    name: 'offline: after a first visit the service worker takes charge; with the server gone, the page loads again, cross-origin isolated as before, and 2 workers count exactly',
    async run(driver, report) {
      // The service worker registers on the relay's origin, which stops answering as a network would.
      const relay = await startRelay(driver.origin);
      const page = `${relay.origin}/${SWEEP_PAGE}`;
      try {
        await driver.open(page);
        await labReady(driver);
        const online = await driver.evaluate(() => crossOriginIsolated);
        const worker = await driver.evaluate(serviceWorkerReady, SERVICE_WORKER_TIMEOUT_MS);
        if (worker !== 'activated') throw new Error(`${driver.name}: no service worker took charge after the first visit (${worker}).`);
        await relay.stop();
        const started = Date.now();
        await driver.navigate(page);
        const loadedMs = Date.now() - started;
        await labReady(driver);
        const offline = await driver.evaluate(() => ({ isolated: crossOriginIsolated, controlled: navigator.serviceWorker.controller !== null }));
        same(offline, { isolated: online, controlled: true }, 'the page loaded with the server gone: cross-origin isolated as online, under the service worker');
        const cell = await runAndWait(driver, 2, '2e6');
        same(await cell('Check'), 'Counted 2,000,000', 'a run with the server gone: Check');
        same(await driver.errors(), [], 'errors while the server was gone');
        report(`offline: the page loaded in ${String(loadedMs)} ms with the server gone (to its load event), crossOriginIsolated ${String(offline.isolated)}, and 2 workers counted`);
      } finally {
        await relay.stop();
      }
      // The visit was on the relay's origin, which the clean-visit check counts as another: it checks a fresh page of the lab's own.
      await openPage(driver);
    },
  },
];
