/**
 * The machine a set of results was measured on, as an exported file and a share link describe it,
 * and its label: one the user may edit, read as plain text (a label from a file is someone else's text).
 */
import { engineOf, type Engine } from '../measurement/kernelChoice';
import { FALLBACK_CORES } from '../settings/settings';
import { coresCount } from '../texts/summaryReasons';

/** The longest label, in characters: it fits a table cell, a chart's legend and a share link. */
export const MAX_LABEL_CHARS = 60;

/** The longest browser name kept: browserName's longest is about 50. */
export const MAX_BROWSER_CHARS = 80;

/** The most cores a file may say the browser reported: far beyond any machine, so that a hostile number is refused. */
export const MAX_REPORTED_CORES = 65_536;

export interface MachineDescription {
  /** "Machine label", as readMachineLabel reads it. */
  label: string;
  /** navigator.hardwareConcurrency; null when the browser reports none. */
  reportedCores: number | null;
  /** analysis.measuredCores: where the speed-up stopped growing; null when not measured. */
  measuredCores: number | null;
  /** browserName(userAgent, maxTouchPoints), at most MAX_BROWSER_CHARS. */
  browser: string;
  engine: Engine;
  crossOriginIsolated: boolean;
  timerResolutionMs: number | null;
}

/** What the browser and the runs tell of this machine: its description but the label, and the user agent its engine is read from. */
export interface ThisMachineFacts extends Pick<MachineDescription, 'reportedCores' | 'measuredCores' | 'browser' | 'crossOriginIsolated' | 'timerResolutionMs'> {
  userAgent: string;
  maxTouchPoints: number;
}

/** This machine as its files and share links describe it, under `label`: the engine read from the user agent. */
export function describeThisMachine(label: string, facts: ThisMachineFacts): MachineDescription {
  const { reportedCores, measuredCores, browser, userAgent, maxTouchPoints, crossOriginIsolated, timerResolutionMs } = facts;
  return { label, reportedCores, measuredCores, browser, engine: engineOf(userAgent, maxTouchPoints), crossOriginIsolated, timerResolutionMs };
}

/** Every Engine, for the schema; the test checks it against the type. */
export const ENGINES = ['v8', 'spidermonkey', 'javascriptcore', 'unknown'] as const satisfies readonly Engine[];

// Bidirectional overrides, embeddings and isolates, and the marks: they can make a label read backwards.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/gu;

// Half a surrogate pair is no character: links cannot carry it (encodeURIComponent throws).
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

// Format characters (zero-width spaces and joiners, soft hyphens…), the grapheme joiner, and the blank letters (Hangul fillers, Braille blank): alone they show nothing.
const INVISIBLE_ONLY = /^[\p{Cf}\s\u034F\u115F\u1160\u2800\u3164\uFFA0]*$/u;

/** Text from someone else as one plain line: no control or bidirectional characters or lone surrogates, whitespace collapsed, trimmed. */
export function plainLine(text: string): string {
  return text.replace(LONE_SURROGATES, '\uFFFD').replace(BIDI_CONTROLS, '').replace(CONTROL_CHARACTERS, ' ').replace(/\s+/gu, ' ').trim();
}

/** Characters as people count them (code points, so an emoji is one). */
export function charCount(text: string): number {
  return Array.from(text).length;
}

/** At most `max` characters, with '…' in place of the rest. */
export function shortened(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * "Chrome on 8 cores", "Chrome on a Chromebook (8 cores)", "Safari on iPad (4 cores assumed)":
 * the browser's name without its version, and its cores.
 */
export function defaultMachineLabel(browser: string, reportedCores: number | null): string {
  const name = plainLine(browser.replace(' (Safari’s engine)', '').replace(/ \d+(?= |$)/u, ''));
  const named = name === '' || name === 'this browser' ? 'This browser' : name;
  const onDevice = named.includes(' on ');
  const cores = reportedCores === null ? `${coresCount(FALLBACK_CORES)} assumed` : coresCount(reportedCores);
  const label = onDevice || reportedCores === null ? `${named} (${cores})` : `${named} on ${cores}`;
  return shortened(label, MAX_LABEL_CHARS);
}

export type LabelReading = { ok: true; value: string } | { ok: false; problem: string };

/** A label as typed or read from a file: one plain line of 1 to MAX_LABEL_CHARS characters, or one sentence on what is wrong. */
export function readMachineLabel(text: string): LabelReading {
  const value = plainLine(text);
  // A label of invisible characters only would be a blank row in the table and an unnamed line on the charts.
  if (INVISIBLE_ONLY.test(value)) return { ok: false, problem: 'The machine label is empty: give this machine a name the class will recognise.' };
  const length = charCount(value);
  if (length > MAX_LABEL_CHARS) {
    return { ok: false, problem: `The machine label is ${String(length)} characters long; keep it to ${String(MAX_LABEL_CHARS)} or fewer.` };
  }
  return { ok: true, value };
}
