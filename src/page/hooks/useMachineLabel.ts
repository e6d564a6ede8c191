import { useCallback, useState } from 'react';
import { openingMachineLabel, typedMachineLabel } from '../../lab/settings/machineLabel';
import { readMachineLabelPreference, rememberMachineLabel, type PreferenceStorage } from '../storage/preferences';

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
