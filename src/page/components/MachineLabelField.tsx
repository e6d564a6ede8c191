import { memo } from 'react';
import { MAX_LABEL_CHARS } from '../../lab/exchange/machineDescription';

interface MachineLabelFieldProps {
  text: string;
  /** One sentence on what is wrong with the text (the last good label is kept meanwhile), or null. */
  problem: string | null;
  onChange: (text: string) => void;
}

/** "Machine label": how this machine is named in exported files, share links and the class's "Machines" table. */
export const MachineLabelField = memo(function MachineLabelField({ text, problem, onChange }: MachineLabelFieldProps) {
  return (
    <div className="field machine-label-field">
      <label htmlFor="machine-label">Machine label</label>
      <input
        id="machine-label"
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-invalid={problem !== null}
        aria-describedby="machine-label-help"
        onChange={(event) => {
          onChange(event.currentTarget.value);
        }}
      />
      <p id="machine-label-help" className={problem ? 'field-error' : 'field-help'} aria-live="polite">
        {problem ?? `How the class will know this machine in exported files and links: up to ${String(MAX_LABEL_CHARS)} characters.`}
      </p>
    </div>
  );
});
