import { useCallback, useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { menuKeyMove } from '../../lab/settings/menuKeys';

/**
 * A button that opens a menu of `count` items: Enter, Space or a click opens it
 * on its first item (ArrowUp on its last), the keys of menuKeyMove move within
 * it, and choosing an item or Escape closes it with focus back on the button.
 */
export function useMenuButton(count: number) {
  const menuId = useId();
  const [focused, setFocused] = useState<number | null>(null);
  const open = focused !== null;
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  useEffect(() => {
    if (focused !== null) items.current[focused]?.focus();
  }, [focused]);

  const close = useCallback((refocus: boolean) => {
    setFocused(null);
    if (refocus) buttonRef.current?.focus();
  }, []);

  const button = {
    ref: buttonRef,
    'aria-haspopup': 'menu' as const,
    'aria-expanded': open,
    'aria-controls': menuId,
    onClick: () => {
      if (open) close(false);
      else setFocused(0);
    },
    onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      event.preventDefault();
      setFocused(event.key === 'ArrowDown' ? 0 : count - 1);
    },
  };

  const menu = {
    ref: menuRef,
    id: menuId,
    role: 'menu' as const,
    hidden: !open,
    onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => {
      const move = menuKeyMove(event.key, focused ?? 0, count);
      if (move === null) return;
      // Tab goes on to the next control as usual; every other key is the menu's own.
      if (event.key !== 'Tab') event.preventDefault();
      if (move.kind === 'focus') setFocused(move.index);
      else close(move.refocus);
    },
    // Focus gone elsewhere (a click outside, a touch): the menu closes, as a native one does.
    onBlur: (event: FocusEvent<HTMLDivElement>) => {
      const next = event.relatedTarget;
      if (next instanceof Node && (menuRef.current?.contains(next) || buttonRef.current === next)) return;
      close(false);
    },
  };

  /** Props for item `index`; `onChoose` runs after the menu closes. */
  const item = (index: number, onChoose: () => void) => ({
    ref: (element: HTMLButtonElement | null) => {
      items.current[index] = element;
    },
    role: 'menuitem' as const,
    tabIndex: -1,
    onClick: () => {
      close(true);
      onChoose();
    },
  });

  return { open, button, menu, item };
}
