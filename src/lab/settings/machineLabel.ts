import { readMachineLabel } from '../exchange/machineDescription';

/** The "Machine label" field: what is typed, the last good label (the one files and links carry), and what is wrong with the text. */
export interface MachineLabelState {
  text: string;
  label: string;
  problem: string | null;
}

/** The field as the page opens: the label remembered from the last visit, or the browser's own default. */
export function openingMachineLabel(remembered: string | null, fallback: string): MachineLabelState {
  const label = remembered ?? fallback;
  return { text: label, label, problem: null };
}

/** The field after the user types `text`: a good label replaces the last one; a bad one gets a sentence and keeps it. */
export function typedMachineLabel(state: MachineLabelState, text: string): MachineLabelState {
  const reading = readMachineLabel(text);
  return reading.ok ? { text, label: reading.value, problem: null } : { text, label: state.label, problem: reading.problem };
}
