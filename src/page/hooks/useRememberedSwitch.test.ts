import { describe, expect, it } from 'vitest';
import { changeTracker } from './useRememberedSwitch';

describe('changeTracker', () => {
  it('tells each change once, and never the value it opened with', () => {
    const changed = changeTracker(true);
    expect([true, false, false, true, true].map(changed)).toEqual([false, true, false, true, false]);
  });
});
