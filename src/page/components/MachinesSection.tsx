import { memo, useCallback, useId, useMemo, type ChangeEvent, type RefObject } from 'react';
import { classSentence, machineRows, type ComparedMachine } from '../../lab/exchange/comparedMachine';
import { MACHINE_TABLE_HEADINGS, machineRowCells } from '../../lab/texts/machineTable';
import type { Machines } from '../hooks/useMachines';
import { useFileDrop } from '../hooks/useFileDrop';
import { Notices } from './Notices';

interface MachinesSectionProps {
  /** This machine, as the table compares it: always its first row. */
  own: ComparedMachine;
  machines: Machines;
  /** Asks before removing every imported machine (the page's dialog): with no runs of its own there is no "Clear results" to do it. */
  onRemoveAll: () => void;
  /** The table's scroll box: focus goes there when the row whose button had it is removed. */
  tableRef: RefObject<HTMLDivElement | null>;
}

/**
 * Other machines' results in: the "Import results" file input (and files dropped anywhere on the
 * page), the "Machines" table with this machine first, and what the class measured. Every text from
 * a file is rendered by React as text.
 */
export const MachinesSection = memo(function MachinesSection({ own, machines, onRemoveAll, tableRef }: MachinesSectionProps) {
  const { importFiles, toggle, remove, hidden, problems, dismissProblems } = machines;
  const inputId = useId();
  const rows = useMemo(() => machineRows(own, machines.machines), [own, machines.machines]);
  const sentence = classSentence(rows);
  const onFiles = useCallback(
    (files: File[]) => {
      void importFiles(files);
    },
    [importFiles],
  );
  const dragging = useFileDrop(onFiles);
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    // Cleared, so that choosing the same file again imports it again.
    event.target.value = '';
    if (files.length > 0) onFiles(files);
  };

  return (
    <div className="machines">
      <div className="machines-import">
        {/* A real file input, labelled, shown as a button: the label takes the clicks, the input keeps the focus ring. */}
        <input id={inputId} className="file-input" type="file" accept=".json,application/json" multiple onChange={onChange} />
        <label htmlFor={inputId} className="file-button">
          Import results
        </label>
        <span className="hint">JSON files exported by this page on other machines, or drop them anywhere on the page.</span>
      </div>
      <Notices label="Imported machines" notices={problems} onDismiss={dismissProblems} />
      {sentence !== null && <p className="class-sentence">{sentence}</p>}
      <div ref={tableRef} className="table-scroll" role="region" aria-label="Machines table" tabIndex={0}>
        <table className="machines-table">
          <caption>Machines</caption>
          <thead>
            <tr>
              {MACHINE_TABLE_HEADINGS.map((heading) => (
                <th key={heading} scope="col">
                  {heading}
                </th>
              ))}
              <th scope="col">On the charts</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const off = hidden.has(row.id);
              return (
                <tr key={row.id} className={row.thisMachine ? 'this-machine' : off ? 'machine-hidden' : undefined}>
                  <th scope="row">
                    {row.label}
                    {row.thisMachine && <span className="this-machine-mark"> (this machine)</span>}
                  </th>
                  {machineRowCells(row).map((cell, index) => (
                    <td key={MACHINE_TABLE_HEADINGS[index + 1]}>{cell}</td>
                  ))}
                  <td>
                    {row.thisMachine ? (
                      'Always'
                    ) : (
                      <span className="machine-actions">
                        <button type="button" className="quiet" aria-label={`${off ? 'Show' : 'Hide'} ${row.label}`} onClick={() => toggle(row.id)}>
                          {off ? 'Show' : 'Hide'}
                        </button>
                        <button type="button" className="quiet" aria-label={`Remove ${row.label}`} onClick={() => {
                            remove(row.id);
                            // Its button goes with its row: focus stays in the table rather than falling back to the page.
                            tableRef.current?.focus();
                          }}
                        >
                          Remove
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {machines.machines.length > 1 && (
        <button type="button" className="quiet" onClick={onRemoveAll}>
          Remove all machines
        </button>
      )}
      {dragging && (
        <div className="drop-hint" aria-hidden="true">
          Drop the results files to compare their machines
        </div>
      )}
    </div>
  );
});
