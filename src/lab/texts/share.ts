import { formatCount } from '../measurement/count';

/** The share link's words (src/page/components/ShareControls.tsx, SharedLinkNotice.tsx): what is shared, and what happened to it. */

/** Why "Copy share link" and "Show QR code" are off: there is no curve of this machine to share yet. */
export const NOTHING_TO_SHARE = 'Nothing to share yet: the link carries this machine’s curve, so run once or run a sweep first.';

/** Where the browser refuses to write to the clipboard (an insecure address, a denied permission, WebKitGTK). */
export const COPY_BY_HAND = 'This browser did not let the page copy the link: it is selected in the field below, so copy it with Ctrl+C (⌘C on a Mac).';

/** "8 cores", "1 core", or that the browser reported none. */
function coresInWords(reportedCores: number | null): string {
  if (reportedCores === null) return 'no core count reported';
  return `${String(reportedCores)} ${reportedCores === 1 ? 'core' : 'cores'}`;
}

/** Said once the link is on the clipboard, with its length: a chat message and a QR code take it up to 1,000 characters. */
export function copiedSentence(linkChars: number): string {
  return `Link copied (${formatCount(linkChars)} characters).`;
}

/** Names the machine a share link's sweep was measured on: “Chrome on 8 cores” (Chrome 131, 8 cores). */
export function sharedSweepSentence(shared: { label: string; browser: string; reportedCores: number | null }): string {
  return `This link carries a sweep measured on “${shared.label}” (${shared.browser}, ${coresInWords(shared.reportedCores)}).`;
}

/** After "Add to Machines": where the link's curve is now kept. */
export function sharedAddedSentence(label: string): string {
  return `“${label}” was added to Machines.`;
}
