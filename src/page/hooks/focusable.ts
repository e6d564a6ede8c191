/** What takes focus by Tab: enabled controls, links and what a tabindex adds. */
export const FOCUSABLE = 'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/** An element focus can go to: still in the page, not its body, not disabled. */
export function canTakeFocus(element: Element | null): element is HTMLElement {
  return element instanceof HTMLElement && element.isConnected && element !== document.body && !element.matches(':disabled');
}

/** The controls after `region` in the page's order, as Tab would reach them (none of its own). */
export function focusablesAfter(region: Element): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => !region.contains(element) && (region.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
  );
}

/** Focuses the first of `candidates` that takes it (shown, not inert), and says whether one did. */
export function focusFirst(candidates: readonly HTMLElement[]): boolean {
  for (const candidate of candidates) {
    if (!canTakeFocus(candidate) || candidate.getClientRects().length === 0) continue;
    candidate.focus();
    if (document.activeElement === candidate) return true;
  }
  return false;
}
