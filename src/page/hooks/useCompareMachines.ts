import { useMemo, useState } from 'react';
import { withSharedLinkMachine } from '../../lab/exchange/chartMachines';
import { thisMachineOf } from '../../lab/exchange/comparedMachine';
import { defaultMachineLabel, describeThisMachine, type ThisMachineFacts } from '../../lab/exchange/machineDescription';
import type { Analysis } from '../../lab/measurement/analysis';
import { browserMachineStore } from '../storage/machineStore';
import type { PreferenceStorage } from '../storage/preferences';
import { useMachineLabel } from './useMachineLabel';
import { useMachines } from './useMachines';
import { useSharedLink } from './useSharedLink';

/** What "Compare machines" is given: this machine as the browser tells it, the runs' analysis, and where the label is remembered. */
export interface CompareMachinesFacts extends Omit<ThisMachineFacts, 'measuredCores'> {
  analysis: Analysis;
  preferences: PreferenceStorage | null;
}

/**
 * "Compare machines": the "Machine label" (remembered, "Chrome on 8 cores" until the user names
 * the machine), this machine as exported files, share links and the "Machines" table describe it,
 * other machines' results imported from their files and kept in this browser (one store for the
 * page's life), and a share link's sweep beside this machine's on the charts until it is added to
 * the machines or dismissed.
 */
export function useCompareMachines({ analysis, preferences, reportedCores, browser, userAgent, maxTouchPoints, crossOriginIsolated, timerResolutionMs }: CompareMachinesFacts) {
  const machineLabel = useMachineLabel(preferences, defaultMachineLabel(browser, reportedCores));
  const thisMachine = useMemo(
    () => describeThisMachine(machineLabel.label, { reportedCores, measuredCores: analysis.measuredCores, browser, userAgent, maxTouchPoints, crossOriginIsolated, timerResolutionMs }),
    [machineLabel.label, reportedCores, analysis.measuredCores, browser, userAgent, maxTouchPoints, crossOriginIsolated, timerResolutionMs],
  );
  const [machineStore] = useState(browserMachineStore);
  const machines = useMachines(machineStore);
  const sharedLink = useSharedLink(machines.add);
  const linkMachine = sharedLink.chartMachine;
  const chartMachines = useMemo(() => withSharedLinkMachine(machines.visible, machines.machines.length, linkMachine), [machines.visible, machines.machines.length, linkMachine]);
  const ownMachine = useMemo(() => thisMachineOf(thisMachine, analysis), [thisMachine, analysis]);
  return { machineLabel, thisMachine, machines, sharedLink, chartMachines, ownMachine };
}
