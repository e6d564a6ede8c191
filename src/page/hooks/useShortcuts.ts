import { useEffect, useEffectEvent } from 'react';
import { shortcutFor, type FocusPlace, type ShortcutAction } from '../../lab/settings/shortcuts';

/** Input types that do not take typing: a key pressed on them is not text. */
const NOT_TYPED = new Set(['range', 'radio', 'checkbox', 'button', 'submit', 'reset', 'image', 'file', 'color', 'hidden']);

/** Where focus is, as the shortcuts see it: the element a key goes to is the focused one, or the body. */
function focusPlace(target: EventTarget | null): FocusPlace {
  if (!(target instanceof Element) || target === document.body || target === document.documentElement) return 'none';
  if (target instanceof HTMLInputElement) return NOT_TYPED.has(target.type) ? 'control' : 'text-field';
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return 'text-field';
  if (target instanceof HTMLElement && target.isContentEditable) return 'text-field';
  return 'control';
}

/**
 * The page's keyboard shortcuts (src/lab/settings/shortcuts.ts), listened for on the document and
 * acted on while `enabled` (off while one of the page's dialogs is open: its keys are its own), as it
 * is when the key comes: no key is lost between a dialog's closing and a listener's return. `onShortcut`
 * does what the action asks and says whether it did anything; only then is the key's own
 * meaning (scrolling, say) held back. A key another handler already used is left alone.
 */
export function useShortcuts(enabled: boolean, onShortcut: (action: ShortcutAction) => boolean) {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (!enabled || event.defaultPrevented || event.isComposing) return;
    // A key that reaches the page from inside a dialog belongs to the dialog.
    if (event.target instanceof Element && event.target.closest('dialog') !== null) return;
    const action = shortcutFor({
      key: event.key,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
      repeat: event.repeat,
      focus: focusPlace(event.target),
    });
    if (action !== null && onShortcut(action)) event.preventDefault();
  });

  useEffect(() => {
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
