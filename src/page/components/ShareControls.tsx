import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { curveFromStats } from '../../lab/exchange/comparedMachine';
import { shareLinkText } from '../../lab/exchange/shareLink';
import type { WorkerStats } from '../../lab/measurement/stats';
import type { Scaling } from '../../lab/types';
import { COPY_BY_HAND, copiedSentence, NOTHING_TO_SHARE } from '../../lab/texts/share';
import { QrDialog } from './QrDialog';

interface ShareControlsProps {
  /** This machine as the exported files describe it: its label, the cores its browser reports, and the browser. */
  machine: { label: string; reportedCores: number | null; browser: string };
  /** The statistics of the series shown: the link carries their median wall-clock per worker count. */
  stats: readonly WorkerStats[];
  /** That series in words, or null. */
  seriesWords: string | null;
  /** That series' scaling (a weak one's speed-up is reckoned differently), or null before any run. */
  scaling: Scaling | null;
  /** The settings' query (src/lab/settings/pageSettings.ts settingsLink); null while the count is not valid, when the address bar's is used. */
  query: string | null;
}

/** What the last click did with the link; shown only while the link is still that one. */
type Outcome = { link: string; kind: 'copied' | 'by-hand' };

/**
 * "Copy share link" and "Show QR code": this page's link with its settings and, after '#', this
 * machine's latest sweep (src/lab/exchange/shareLink.ts). Where the browser will not write to the
 * clipboard, the link is shown selected in a field for the user to copy.
 */
export const ShareControls = memo(function ShareControls({ machine, stats, seriesWords, scaling, query }: ShareControlsProps) {
  const { label, reportedCores, browser } = machine;
  const curve = useMemo(() => curveFromStats(stats), [stats]);
  const link =
    curve.length === 0
      ? null
      : shareLinkText(window.location.origin + window.location.pathname, query ?? window.location.search, {
          label,
          reportedCores,
          browser,
          seriesWords,
          curve,
          ...(scaling === null ? {} : { scaling }),
        });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [qrOpen, setQrOpen] = useState(false);
  const byHandRef = useRef<HTMLInputElement>(null);
  const shownOutcome = outcome !== null && outcome.link === link ? outcome.kind : null;

  const copy = async (text: string) => {
    try {
      // Absent where the page is not a secure context: the call then throws, and the field below takes over.
      await navigator.clipboard.writeText(text);
      setOutcome({ link: text, kind: 'copied' });
    } catch {
      setOutcome({ link: text, kind: 'by-hand' });
    }
  };

  // The field takes focus with the link selected, so that Ctrl+C is all that is left to do.
  useEffect(() => {
    if (shownOutcome !== 'by-hand') return;
    byHandRef.current?.focus();
    byHandRef.current?.select();
  }, [shownOutcome]);

  return (
    <div className="share-controls">
      <div className="share-buttons">
        <button type="button" disabled={link === null} aria-describedby={link === null ? 'share-reason' : undefined} onClick={() => link !== null && void copy(link)}>
          Copy share link
        </button>
        <button type="button" disabled={link === null} aria-describedby={link === null ? 'share-reason' : undefined} onClick={() => setQrOpen(true)}>
          Show QR code
        </button>
      </div>
      {link === null && (
        <p id="share-reason" className="share-reason">
          {NOTHING_TO_SHARE}
        </p>
      )}
      <p className="share-status" aria-live="polite">
        {shownOutcome === 'copied' && link !== null ? copiedSentence(link.length) : ''}
      </p>
      {shownOutcome === 'by-hand' && link !== null && (
        <div className="share-by-hand">
          <p id="share-by-hand-note">{COPY_BY_HAND}</p>
          <input ref={byHandRef} type="text" readOnly value={link} aria-label="Share link" aria-describedby="share-by-hand-note" onFocus={(event) => event.currentTarget.select()} />
        </div>
      )}
      <QrDialog open={qrOpen && link !== null} link={link ?? ''} onClose={() => setQrOpen(false)} />
    </div>
  );
});
