import { describe, expect, expectTypeOf, it } from 'vitest';
import * as v from 'valibot';
import type { Engine } from '../measurement/kernelChoice';
import { ENGINES, type MachineDescription } from './machineDescription';
import { machineDescriptionSchema } from './machineDescriptionSchema';

const describedMachine: MachineDescription = {
  label: 'Chrome on 8 cores',
  reportedCores: 8,
  measuredCores: 6,
  browser: 'Chrome 156',
  engine: 'v8',
  crossOriginIsolated: true,
  timerResolutionMs: 0.005,
};

describe('machineDescriptionSchema', () => {
  const machine = describedMachine;
  it('reads what the page describes, and knows every engine', () => {
    expectTypeOf<(typeof ENGINES)[number]>().toEqualTypeOf<Engine>();
    expectTypeOf<v.InferOutput<typeof machineDescriptionSchema>>().toEqualTypeOf<MachineDescription>();
    expect(v.parse(machineDescriptionSchema, machine)).toEqual(machine);
  });
  it('reads a hostile label and browser as plain lines, and refuses what no page describes', () => {
    expect(v.parse(machineDescriptionSchema, { ...machine, label: ' a\u202Eb ', browser: 'x\ny' })).toMatchObject({ label: 'ab', browser: 'x y' });
    expect(v.safeParse(machineDescriptionSchema, { ...machine, label: '' }).success).toBe(false);
    expect(v.safeParse(machineDescriptionSchema, { ...machine, label: 'x'.repeat(61) }).success).toBe(false);
    expect(v.safeParse(machineDescriptionSchema, { ...machine, browser: 'x'.repeat(81) }).success).toBe(false);
    expect(v.safeParse(machineDescriptionSchema, { ...machine, engine: 'gecko' }).success).toBe(false);
    expect(v.safeParse(machineDescriptionSchema, { ...machine, reportedCores: 0 }).success).toBe(false);
    expect(v.safeParse(machineDescriptionSchema, { ...machine, measuredCores: 1025 }).success).toBe(false);
    expect(v.safeParse(machineDescriptionSchema, { ...machine, timerResolutionMs: -1 }).success).toBe(false);
  });
});
