/** What a shortcut asks the page to do. */
export type ShortcutAction =
  | 'run'
  | 'stop'
  | 'sweep'
  | 'toggle-presentation'
  | 'more-workers'
  | 'fewer-workers'
  | 'clear-results'
  | 'show-shortcuts';

/**
 * Where keyboard focus is when a key goes down: in a field that takes typing (a text-like
 * input, a textarea, a select, anything contenteditable), on another control (a button, the
 * slider, a radio button, a scroll box), or on nothing (the page's body).
 */
export type FocusPlace = 'text-field' | 'control' | 'none';

/** A key press as the shortcuts see it: `key` is the browser's `KeyboardEvent.key`. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** Held down, so the browser repeats it. */
  repeat: boolean;
  focus: FocusPlace;
}

/**
 * Where a shortcut works: `anywhere` (even while typing), `outside-text-fields` (a letter typed
 * in a field is a letter), or `on-the-page` (only with focus on nothing, since the slider, the
 * radio buttons and the scroll boxes keep the arrow keys for themselves).
 */
export type ShortcutReach = 'anywhere' | 'outside-text-fields' | 'on-the-page';

export interface Shortcut {
  action: ShortcutAction;
  /** The `KeyboardEvent.key` values that press it (letters in both cases, for Shift and Caps Lock). */
  keys: readonly string[];
  /** The keys as the "Keyboard shortcuts" dialog shows them. */
  labels: readonly string[];
  /** What it does, in the dialog's words. */
  description: string;
  reach: ShortcutReach;
  /** Whether a held key repeats it: stepping the worker count does; a run, a toggle or a dialog does not. */
  repeats: boolean;
}

/** Every shortcut, in the order the dialog lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'run', keys: ['r', 'R'], labels: ['R'], description: 'Run (as the “Run” button, when a run can start)', reach: 'outside-text-fields', repeats: false },
  { action: 'stop', keys: ['Escape', 'Esc'], labels: ['Esc'], description: 'Stop the run, sweep or Python program in progress', reach: 'anywhere', repeats: false },
  { action: 'sweep', keys: ['s', 'S'], labels: ['S'], description: 'Run a sweep (as the “Run sweep” button)', reach: 'outside-text-fields', repeats: false },
  // "+" takes Shift on many keyboards, so "=" on the same key counts too; the numpad's keys send "+" and "-".
  { action: 'more-workers', keys: ['+', '='], labels: ['+', '='], description: 'One more worker', reach: 'outside-text-fields', repeats: true },
  { action: 'fewer-workers', keys: ['-', '−'], labels: ['−'], description: 'One fewer worker', reach: 'outside-text-fields', repeats: true },
  { action: 'more-workers', keys: ['ArrowRight', 'ArrowUp'], labels: ['→', '↑'], description: 'One more worker, when no control has focus', reach: 'on-the-page', repeats: true },
  { action: 'fewer-workers', keys: ['ArrowLeft', 'ArrowDown'], labels: ['←', '↓'], description: 'One fewer worker, when no control has focus', reach: 'on-the-page', repeats: true },
  { action: 'toggle-presentation', keys: ['p', 'P'], labels: ['P'], description: 'Presentation mode on or off', reach: 'outside-text-fields', repeats: false },
  { action: 'clear-results', keys: ['c', 'C'], labels: ['C'], description: 'Clear the results (asks first)', reach: 'outside-text-fields', repeats: false },
  { action: 'show-shortcuts', keys: ['?'], labels: ['?'], description: 'Show this list of shortcuts', reach: 'outside-text-fields', repeats: false },
];

function reaches(reach: ShortcutReach, focus: FocusPlace): boolean {
  switch (reach) {
    case 'anywhere':
      return true;
    case 'outside-text-fields':
      return focus !== 'text-field';
    case 'on-the-page':
      return focus === 'none';
  }
}

/**
 * The shortcut a key press asks for, or null. Never with Ctrl, Alt or Meta held (those belong
 * to the browser and the system); Shift is allowed, since "+" and "?" need it on many keyboards.
 * Whether the action can happen now (a run can start, there are results to clear) is the page's
 * to decide.
 */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  const shortcut = SHORTCUTS.find((candidate) => candidate.keys.includes(press.key) && reaches(candidate.reach, press.focus));
  if (shortcut === undefined || (press.repeat && !shortcut.repeats)) return null;
  return shortcut.action;
}

/** The worker count one step up or down from `workers`, within the slider's 1 … `workerLimit`. */
export function steppedWorkers(workers: number, action: 'more-workers' | 'fewer-workers', workerLimit: number): number {
  const next = action === 'more-workers' ? workers + 1 : workers - 1;
  return Math.min(workerLimit, Math.max(1, next));
}

/** What "Clear results" (the button or C) asks before it clears `runCount` results. */
export function clearResultsQuestion(runCount: number): string {
  const what = runCount === 1 ? 'the 1 result' : `all ${runCount.toLocaleString('en-US')} results`;
  return `Clear ${what}? This cannot be undone.`;
}
