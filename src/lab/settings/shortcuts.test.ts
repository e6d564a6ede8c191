import { describe, expect, it } from 'vitest';
import { clearResultsQuestion, SHORTCUTS, shortcutFor, steppedWorkers, type FocusPlace, type KeyPress, type ShortcutAction } from './shortcuts';

const FOCUS_PLACES: readonly FocusPlace[] = ['none', 'control', 'text-field'];

/** A plain press of `key` with focus on `focus`: no modifier, not repeated. */
function press(key: string, focus: FocusPlace = 'none', extra: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, altKey: false, metaKey: false, repeat: false, focus, ...extra };
}

describe('shortcutFor', () => {
  it.each<[string, ShortcutAction]>([
    ['r', 'run'],
    ['R', 'run'],
    ['Escape', 'stop'],
    ['Esc', 'stop'],
    ['s', 'sweep'],
    ['S', 'sweep'],
    ['p', 'toggle-presentation'],
    ['P', 'toggle-presentation'],
    ['+', 'more-workers'],
    ['=', 'more-workers'],
    ['-', 'fewer-workers'],
    ['−', 'fewer-workers'],
    ['c', 'clear-results'],
    ['C', 'clear-results'],
    ['?', 'show-shortcuts'],
  ])('maps %s to %s with focus on nothing or on a control', (key, action) => {
    expect(shortcutFor(press(key, 'none'))).toBe(action);
    expect(shortcutFor(press(key, 'control'))).toBe(action);
  });

  it('leaves every key but Escape to a text field, where a letter is a letter', () => {
    for (const key of ['r', 'R', 's', 'p', 'c', '+', '=', '-', '?', 'ArrowUp', 'ArrowLeft']) {
      expect(shortcutFor(press(key, 'text-field')), key).toBeNull();
    }
    expect(shortcutFor(press('Escape', 'text-field'))).toBe('stop');
  });

  it('steps the workers with the arrow keys only when no control has focus', () => {
    expect(shortcutFor(press('ArrowRight'))).toBe('more-workers');
    expect(shortcutFor(press('ArrowUp'))).toBe('more-workers');
    expect(shortcutFor(press('ArrowLeft'))).toBe('fewer-workers');
    expect(shortcutFor(press('ArrowDown'))).toBe('fewer-workers');
    // The slider, the radio buttons and the scroll boxes keep their arrow keys.
    for (const key of ['ArrowRight', 'ArrowUp', 'ArrowLeft', 'ArrowDown']) {
      expect(shortcutFor(press(key, 'control')), key).toBeNull();
    }
  });

  it('never answers with Ctrl, Alt or Meta held, wherever focus is', () => {
    for (const focus of FOCUS_PLACES) {
      for (const modifier of ['ctrlKey', 'altKey', 'metaKey'] as const) {
        for (const shortcut of SHORTCUTS) {
          for (const key of shortcut.keys) expect(shortcutFor(press(key, focus, { [modifier]: true })), `${modifier}+${key}`).toBeNull();
        }
      }
    }
  });

  it('repeats a held key only for stepping the worker count', () => {
    expect(shortcutFor(press('+', 'none', { repeat: true }))).toBe('more-workers');
    expect(shortcutFor(press('ArrowDown', 'none', { repeat: true }))).toBe('fewer-workers');
    for (const key of ['r', 's', 'p', 'c', '?', 'Escape']) {
      expect(shortcutFor(press(key, 'none', { repeat: true })), key).toBeNull();
    }
  });

  it('ignores other keys', () => {
    for (const key of ['Enter', ' ', 'Tab', 'x', '1', 'Home', 'PageDown', 'F5', '/', 'Shift', 'Dead', '']) {
      expect(shortcutFor(press(key)), JSON.stringify(key)).toBeNull();
    }
  });
});

describe('SHORTCUTS', () => {
  it('lists every action, each with keys, labels and a description', () => {
    const actions: ShortcutAction[] = ['run', 'stop', 'sweep', 'toggle-presentation', 'more-workers', 'fewer-workers', 'clear-results', 'show-shortcuts'];
    expect(new Set(SHORTCUTS.map((shortcut) => shortcut.action))).toEqual(new Set(actions));
    for (const shortcut of SHORTCUTS) {
      expect(shortcut.keys.length, shortcut.description).toBeGreaterThan(0);
      expect(shortcut.labels.length, shortcut.description).toBeGreaterThan(0);
      expect(shortcut.description).not.toBe('');
    }
  });

  it('gives each key one meaning', () => {
    const keys = SHORTCUTS.flatMap((shortcut) => shortcut.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('says what each listed shortcut does, so the dialog matches the map', () => {
    for (const shortcut of SHORTCUTS) {
      for (const key of shortcut.keys) expect(shortcutFor(press(key)), key).toBe(shortcut.action);
    }
  });
});

describe('steppedWorkers', () => {
  it('steps by one within the slider’s range', () => {
    expect(steppedWorkers(2, 'more-workers', 8)).toBe(3);
    expect(steppedWorkers(2, 'fewer-workers', 8)).toBe(1);
    expect(steppedWorkers(8, 'more-workers', 8)).toBe(8);
    expect(steppedWorkers(1, 'fewer-workers', 8)).toBe(1);
  });
});

describe('clearResultsQuestion', () => {
  it('says how many results go, and that it is for good', () => {
    expect(clearResultsQuestion(1)).toBe('Clear the 1 result? This cannot be undone.');
    expect(clearResultsQuestion(2)).toBe('Clear all 2 results? This cannot be undone.');
    expect(clearResultsQuestion(1200)).toBe('Clear all 1,200 results? This cannot be undone.');
  });
});
