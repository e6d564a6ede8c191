import { describe, expect, it } from 'vitest';
import { settingsFromLink } from '../../lab/settings/pageSettings';
import { MACHINE_LABEL_KEY, PRESENT_KEY, QUIET_KEY, readMachineLabelPreference, readPreferences, rememberMachineLabel, rememberPresent, rememberQuiet, type PreferenceStorage } from './preferences';

/** A storage that holds values in a Map, as `localStorage` does. */
function memoryStorage(initial: Record<string, string> = {}): PreferenceStorage & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => {
      values.set(key, value);
    },
  };
}

/** A storage that throws on every call, as a blocked or full one does. */
const throwingStorage: PreferenceStorage = {
  getItem: () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  },
};

describe('readPreferences', () => {
  it('reads what rememberPresent wrote, both ways', () => {
    const storage = memoryStorage();
    rememberPresent(storage, true);
    expect(readPreferences(storage)).toEqual({ present: true });
    rememberPresent(storage, false);
    expect(readPreferences(storage)).toEqual({ present: false });
  });

  it('reads what rememberQuiet wrote, both ways, beside presentation mode; a hostile value is not remembered', () => {
    const storage = memoryStorage();
    rememberQuiet(storage, true);
    expect(storage.values.get(QUIET_KEY)).toBe('on');
    expect(readPreferences(storage)).toEqual({ quiet: true });
    rememberPresent(storage, true);
    rememberQuiet(storage, false);
    expect(readPreferences(storage)).toEqual({ present: true, quiet: false });
    expect(readPreferences(memoryStorage({ [QUIET_KEY]: 'true' }))).toEqual({});
    rememberQuiet(throwingStorage, true);
    rememberQuiet(null, true);
    // A run is quiet after a reload when it was left so; never from a link.
    expect(settingsFromLink('?workers=2', { cores: 2, workerLimit: 8 }, readPreferences(storage)).settings.quiet).toBe(false);
    rememberQuiet(storage, true);
    expect(settingsFromLink('?workers=2', { cores: 2, workerLimit: 8 }, readPreferences(storage)).settings.quiet).toBe(true);
    expect(settingsFromLink('?workers=2&quiet=1', { cores: 2, workerLimit: 8 }).settings.quiet).toBe(false);
  });

  it('remembers nothing when nothing was stored, or when there is no storage', () => {
    expect(readPreferences(memoryStorage())).toEqual({});
    expect(readPreferences(null)).toEqual({});
  });

  it.each(['1', 'true', 'ON', ' on', 'on ', '"on"', '{"present":true}', '', 'off\u0000'])('counts the hostile stored value %j as not remembered', (stored) => {
    expect(readPreferences(memoryStorage({ [PRESENT_KEY]: stored }))).toEqual({});
  });

  it('counts a huge stored value as not remembered', () => {
    expect(readPreferences(memoryStorage({ [PRESENT_KEY]: 'on'.repeat(500_000) }))).toEqual({});
  });

  it('counts a value that is not a string as not remembered', () => {
    const odd: PreferenceStorage = { getItem: () => ({ toString: () => 'on' }) as unknown as string, setItem: () => undefined };
    expect(readPreferences(odd)).toEqual({});
  });

  it('remembers nothing from a storage that throws', () => {
    expect(readPreferences(throwingStorage)).toEqual({});
  });

  it('is what the link reads as remembered, and a link still overrides it', () => {
    const storage = memoryStorage({ [PRESENT_KEY]: 'on' });
    const context = { cores: 2, workerLimit: 8 };
    expect(settingsFromLink('', context, readPreferences(storage)).settings.present).toBe(true);
    expect(settingsFromLink('?present=0', context, readPreferences(storage)).settings.present).toBe(false);
  });
});

describe('rememberPresent', () => {
  it('writes its own exact forms under the page’s key', () => {
    const storage = memoryStorage();
    rememberPresent(storage, true);
    expect(storage.values.get(PRESENT_KEY)).toBe('on');
    rememberPresent(storage, false);
    expect(storage.values.get(PRESENT_KEY)).toBe('off');
  });

  it('ignores a write that throws (private mode, a full quota) and no storage at all', () => {
    expect(() => rememberPresent(throwingStorage, true)).not.toThrow();
    expect(() => rememberPresent(null, true)).not.toThrow();
  });
});

describe('the machine label', () => {
  it('reads back what rememberMachineLabel wrote', () => {
    const storage = memoryStorage();
    expect(readMachineLabelPreference(storage)).toBeNull();
    rememberMachineLabel(storage, 'Desk 4 (Chromebook)');
    expect(storage.values.get(MACHINE_LABEL_KEY)).toBe('Desk 4 (Chromebook)');
    expect(readMachineLabelPreference(storage)).toBe('Desk 4 (Chromebook)');
  });

  it('ignores a stored value the page would not have written', () => {
    for (const hostile of ['', '   ', 'x'.repeat(61), ' Desk 4', 'Desk\u202E4', 'Desk\n4', 'Desk  4']) {
      expect(readMachineLabelPreference(memoryStorage({ [MACHINE_LABEL_KEY]: hostile })), JSON.stringify(hostile)).toBeNull();
    }
  });

  it('forgets quietly where storage throws or is missing', () => {
    expect(readMachineLabelPreference(throwingStorage)).toBeNull();
    expect(readMachineLabelPreference(null)).toBeNull();
    expect(() => rememberMachineLabel(throwingStorage, 'Desk 4')).not.toThrow();
    expect(() => rememberMachineLabel(null, 'Desk 4')).not.toThrow();
  });
});
