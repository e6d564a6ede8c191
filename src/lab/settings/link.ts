import { formatCount, readCount } from '../measurement/count';
import { MAX_TOTAL } from '../measurement/split';
import {
  DEFAULT_LANGUAGE,
  DEFAULT_MODEL,
  DEFAULT_TASK,
  EXECUTION_MODELS,
  isOneOf,
  KERNEL_KINDS,
  KERNEL_LANGUAGES,
  TASK_KINDS,
  type ExecutionModel,
  type KernelKind,
  type KernelLanguage,
  type TaskKind,
} from '../models/catalog';

/**
 * The page's link, `?workers=K&count=N&model=…&task=…&language=python&present=1&kernel=…`: every parameter read
 * here, checked, with one sentence for each value that was changed or ignored, and written back.
 * The address bar holds it (src/page/hooks/useLinkInAddressBar.ts); share links will too.
 */

/** What a link asks for, checked. */
export interface LinkSettings {
  /** `workers=K`: the slider, 1 … workerLimit; the cores (at most workerLimit) when the link has none. */
  workers: number;
  /** `count=N`: the total count; null when the link has none the page can use, and the calibration sizes it. */
  count: number | null;
  /** `model=…`, one of EXECUTION_MODELS. */
  model: ExecutionModel;
  /** `task=…`, one of TASK_KINDS. */
  task: TaskKind;
  /** `present=1` or `0`: presentation mode; what was remembered when the link does not say. */
  present: boolean;
  /** `kernel=js` or `kernel=wasm`: the loop every run counts with (the bench compares them); null lets the engine choose. */
  kernel: KernelKind | null;
  /** `language=python`: "Kernel language", what the workers count in; JavaScript when the link does not say. */
  language: KernelLanguage;
}

/** What the page knows before it reads a link. */
export interface LinkContext {
  /** The cores to plan for: the slider starts there. */
  cores: number;
  /** The slider's top. */
  workerLimit: number;
}

/** What the page remembers from the last visit, read by the caller: it holds unless the link says otherwise. */
export interface Remembered {
  present?: boolean;
  /** "Quiet run", remembered but never in a link: it is how this teacher measures, not what a link shows. */
  quiet?: boolean;
}

/** Shortens what a link carried before quoting it back, so a hostile link cannot flood the page. */
function quote(value: string): string {
  return `“${value.length > 24 ? `${value.slice(0, 24)}…` : value}”`;
}

function decode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/**
 * The first value of each parameter of a query string. Malformed
 * percent-encoding is kept as it stands rather than thrown.
 */
export function readQuery(search: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = decode(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decode(pair.slice(equals + 1));
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

/** `workers=K`: a whole number, clamped to the slider; anything else is ignored, and the slider starts at the cores (never past its top). */
function readWorkers(text: string | undefined, { cores, workerLimit }: LinkContext, notices: string[]): number {
  const unasked = Math.min(cores, workerLimit);
  if (text === undefined) return unasked;
  const trimmed = text.trim();
  const asked = /^[+-]?\d{1,12}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (Number.isNaN(asked)) {
    notices.push(`The link’s workers=${quote(text)} is not a whole number, so it was ignored.`);
    return unasked;
  }
  if (asked < 1) {
    notices.push(`The link asked for ${String(asked)} workers; using 1, the fewest.`);
    return 1;
  }
  if (asked > workerLimit) {
    notices.push(`The link asked for ${formatCount(asked)} workers; using ${String(workerLimit)}, the most this page offers.`);
    return workerLimit;
  }
  return asked;
}

/** `count=N`, read as the "Total count" field reads it: clamped, rounded, or ignored (null) when it is no number. */
function readTotal(text: string | undefined, notices: string[]): number | null {
  if (text === undefined) return null;
  const reading = readCount(text);
  switch (reading.kind) {
    case 'ok':
      return reading.value;
    case 'too-small':
      notices.push(`The link asked to count to ${quote(text)}; using 1, the least.`);
      return 1;
    case 'too-large':
      notices.push(`The link asked to count to ${quote(text)}; using ${formatCount(MAX_TOTAL)}, the most.`);
      return MAX_TOTAL;
    case 'fraction': {
      const total = Math.max(1, Math.round(reading.value));
      notices.push(`The link’s count=${quote(text)} is not a whole number; using ${formatCount(total)}.`);
      return total;
    }
    case 'empty':
    case 'malformed':
    case 'foreign':
      notices.push(`The link’s count=${quote(text)} is not a number, so it was ignored.`);
      return null;
  }
}

/** One of `allowed`, in any case; a notice when it is something else. */
function readChoice<const Choice extends string>(name: string, text: string | undefined, allowed: readonly Choice[], fallback: Choice, notices: string[]): Choice {
  if (text === undefined) return fallback;
  const word = text.trim().toLowerCase();
  if (isOneOf(allowed, word)) return word;
  notices.push(`The link’s ${name}=${quote(text)} is not one of ${allowed.join(', ')}, so it was ignored.`);
  return fallback;
}

/** `1` or `0` (also true/false, on/off, yes/no); anything else is ignored with a notice. */
function readSwitch(name: string, text: string | undefined, fallback: boolean, notices: string[]): boolean {
  if (text === undefined) return fallback;
  const word = text.trim().toLowerCase();
  if (['1', 'true', 'on', 'yes'].includes(word)) return true;
  if (['0', 'false', 'off', 'no'].includes(word)) return false;
  notices.push(`The link’s ${name}=${quote(text)} is not 1 or 0, so it was ignored.`);
  return fallback;
}

/**
 * What a link asks for: values out of range are clamped, garbage is ignored, and either way one
 * sentence says what was changed. Parameters the page does not know are left alone. `kernel` is
 * the bench's and is taken only as `js` or `wasm`, exactly; anything else is ignored without a word.
 */
export function readLink(search: string, context: LinkContext, remembered: Remembered = {}): { link: LinkSettings; notices: string[] } {
  const params = readQuery(search);
  const notices: string[] = [];
  const workers = readWorkers(params.get('workers'), context, notices);
  const count = readTotal(params.get('count'), notices);
  const model = readChoice('model', params.get('model'), EXECUTION_MODELS, DEFAULT_MODEL, notices);
  const task = readChoice('task', params.get('task'), TASK_KINDS, DEFAULT_TASK, notices);
  const language = readChoice('language', params.get('language'), KERNEL_LANGUAGES, DEFAULT_LANGUAGE, notices);
  const present = readSwitch('present', params.get('present'), remembered.present === true, notices);
  const kernelText = params.get('kernel');
  const kernel = isOneOf(KERNEL_KINDS, kernelText) ? kernelText : null;
  return { link: { workers, count, model, task, present, kernel, language }, notices };
}

/**
 * The query string that brings these settings back. The model, the task, the language, presentation
 * mode and the kernel are written only when they are not the defaults, so the lesson's first links stay short.
 */
export function writeLink(link: LinkSettings & { count: number }): string {
  const parts = [`workers=${String(link.workers)}`, `count=${String(link.count)}`];
  if (link.model !== DEFAULT_MODEL) parts.push(`model=${link.model}`);
  if (link.task !== DEFAULT_TASK) parts.push(`task=${link.task}`);
  if (link.language !== DEFAULT_LANGUAGE) parts.push(`language=${link.language}`);
  if (link.present) parts.push('present=1');
  if (link.kernel !== null) parts.push(`kernel=${link.kernel}`);
  return `?${parts.join('&')}`;
}
