/**
 * The schema a results file's machine is read with, apart from the label functions the first
 * screen needs, so that valibot loads only with an import (issue 17: heavy parts load on first use).
 */
import * as v from 'valibot';
import { MAX_WORKERS } from '../settings/settings';
import { ENGINES, MAX_BROWSER_CHARS, MAX_LABEL_CHARS, MAX_REPORTED_CORES, plainLine, readMachineLabel } from './machineDescription';

const coresField = (max: number) => v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(max)));

/** The machine as a file describes it; text is read as plain lines (a hostile label cannot carry controls or reversals). */
export const machineDescriptionSchema = v.object({
  label: v.pipe(
    v.string(),
    v.check((text) => readMachineLabel(text).ok, `not a machine label of 1 to ${String(MAX_LABEL_CHARS)} characters`),
    v.transform(plainLine),
  ),
  reportedCores: coresField(MAX_REPORTED_CORES),
  // Measured by a sweep, so never more workers than a run may have.
  measuredCores: coresField(MAX_WORKERS),
  browser: v.pipe(v.string(), v.maxLength(MAX_BROWSER_CHARS), v.transform(plainLine)),
  engine: v.picklist(ENGINES),
  crossOriginIsolated: v.boolean(),
  timerResolutionMs: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0))),
});
