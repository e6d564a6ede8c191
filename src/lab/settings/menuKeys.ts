/** What a key does inside an open menu: move focus to an item, close it (Escape: back to its button; Tab: on to the next control), or nothing. */
export type MenuMove = { kind: 'focus'; index: number } | { kind: 'close'; refocus: boolean } | null;

/** The keys of a menu as WAI-ARIA's menu button pattern has them: the arrows wrap around, Home and End go to the ends. */
export function menuKeyMove(key: string, index: number, count: number): MenuMove {
  switch (key) {
    case 'ArrowDown':
      return { kind: 'focus', index: (index + 1) % count };
    case 'ArrowUp':
      return { kind: 'focus', index: (index - 1 + count) % count };
    case 'Home':
      return { kind: 'focus', index: 0 };
    case 'End':
      return { kind: 'focus', index: count - 1 };
    case 'Escape':
      return { kind: 'close', refocus: true };
    case 'Tab':
      return { kind: 'close', refocus: false };
    default:
      return null;
  }
}
