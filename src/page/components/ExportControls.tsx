import { memo, useState } from 'react';
import type { ExportInput } from '../files/exportFiles';
import { exportSentence, type ExportKind } from '../../lab/texts/keeping';
import { useMenuButton } from '../hooks/useMenuButton';

/** Why the buttons are off before the first run. */
const NOTHING_YET = 'Nothing to export yet: the files hold this machine’s runs.';

/**
 * "Export CSV", "Export JSON" and "Export chart" (a menu: SVG or PNG): this
 * machine's runs, statistics and description as files, saved with no server.
 */
export const ExportControls = memo(function ExportControls(input: ExportInput) {
  const [outcome, setOutcome] = useState<{ sentence: string; failed: boolean } | null>(null);
  const chartMenu = useMenuButton(2);
  const none = input.runs.length === 0;
  const save = (kind: ExportKind) => {
    const atMs = Date.now();
    // The files' code (schema, CSV, chart image) loads on the first export, not with the page.
    import('../files/exportFiles').then(({ saveExport }) => saveExport(kind, input, atMs)).then(
      (fileName) => setOutcome({ sentence: exportSentence(kind, { fileName }), failed: false }),
      (error: unknown) => setOutcome({ sentence: exportSentence(kind, { error }), failed: true }),
    );
  };
  const describedBy = none ? { 'aria-describedby': 'export-reason' } : {};
  return (
    <div className="export-controls" role="group" aria-label="Export">
      <div className="export-buttons">
        <button type="button" disabled={none} {...describedBy} onClick={() => save('csv')}>
          Export CSV
        </button>
        <button type="button" disabled={none} {...describedBy} onClick={() => save('json')}>
          Export JSON
        </button>
        <div className="export-chart">
          <button type="button" disabled={none} {...describedBy} {...chartMenu.button}>
            Export chart <span aria-hidden="true">▾</span>
          </button>
          <div className="export-menu" aria-label="Export chart" {...chartMenu.menu}>
            <button type="button" {...chartMenu.item(0, () => save('svg'))}>
              SVG
            </button>
            <button type="button" {...chartMenu.item(1, () => save('png'))}>
              PNG
            </button>
          </div>
        </div>
      </div>
      <p id="export-reason" className={outcome?.failed ? 'field-error' : 'field-help'} aria-live="polite">
        {none ? NOTHING_YET : (outcome?.sentence ?? 'The files name this machine by its label; the chart is the wall-clock chart as shown.')}
      </p>
    </div>
  );
});
