import { useCallback, useState } from 'react';
import { readMachineLabel } from '../../lab/exchange/machineDescription';
import { readMachineLabelPreference, rememberMachineLabel, type PreferenceStorage } from '../storage/preferences';

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

/**
 * The "Machine label": read once from `storage` (hostile values ignored),
 * defaulting to `fallback` ("Chrome on 8 cores"), and each good label typed
 * remembered for the next visit. The default is not written: it follows the browser.
 */
export function useMachineLabel(storage: PreferenceStorage | null, fallback: string) {
  const [state, setState] = useState(() => openingMachineLabel(readMachineLabelPreference(storage), fallback));
  const change = useCallback(
    (text: string) => {
      const next = typedMachineLabel(state, text);
      setState(next);
      if (next.problem === null && next.label !== state.label) rememberMachineLabel(storage, next.label);
    },
    [state, storage],
  );
  return { ...state, change };
}
