import { describe, expect, it } from 'vitest';
import { menuKeyMove } from './menuKeys';

describe('menuKeyMove', () => {
  it('moves with the arrows, wrapping around at both ends', () => {
    expect(menuKeyMove('ArrowDown', 0, 2)).toEqual({ kind: 'focus', index: 1 });
    expect(menuKeyMove('ArrowDown', 1, 2)).toEqual({ kind: 'focus', index: 0 });
    expect(menuKeyMove('ArrowUp', 0, 2)).toEqual({ kind: 'focus', index: 1 });
    expect(menuKeyMove('ArrowUp', 2, 3)).toEqual({ kind: 'focus', index: 1 });
  });

  it('goes to the ends with Home and End', () => {
    expect(menuKeyMove('Home', 2, 3)).toEqual({ kind: 'focus', index: 0 });
    expect(menuKeyMove('End', 0, 3)).toEqual({ kind: 'focus', index: 2 });
  });

  it('closes on Escape back to the button, and on Tab onwards', () => {
    expect(menuKeyMove('Escape', 1, 2)).toEqual({ kind: 'close', refocus: true });
    expect(menuKeyMove('Tab', 1, 2)).toEqual({ kind: 'close', refocus: false });
  });

  it('leaves every other key alone (Enter and Space click the item itself)', () => {
    for (const key of ['Enter', ' ', 'a', 'ArrowLeft']) expect(menuKeyMove(key, 0, 2)).toBeNull();
  });
});
