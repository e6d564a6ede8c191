import { memo } from 'react';
import { MAX_LABEL_CHARS } from '../../lab/exchange/machineDescription';
import { TextField } from './TextField';

interface MachineLabelFieldProps {
  text: string;
  /** One sentence on what is wrong with the text (the last good label is kept meanwhile), or null. */
  problem: string | null;
  onChange: (text: string) => void;
}

/** "Machine label": how this machine is named in exported files, share links and the class's "Machines" table. */
export const MachineLabelField = memo(function MachineLabelField({ text, problem, onChange }: MachineLabelFieldProps) {
  return (
    <TextField
      id="machine-label"
      label="Machine label"
      className="machine-label-field"
      value={text}
      problem={problem}
      help={`How the class will know this machine in exported files and links: up to ${String(MAX_LABEL_CHARS)} characters.`}
      onChange={onChange}
    />
  );
});
