import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as types from '../types';
import {
  canFreeze,
  countsOnWorkers,
  DEFAULT_MODEL,
  DEFAULT_TASK,
  EXECUTION_MODELS,
  isOneOf,
  KERNEL_KINDS,
  LOCK_KINDS,
  RUN_STATUSES,
  SCALINGS,
  TASK_KINDS,
  type KernelKind,
  type LockKind,
  type RunStatus,
} from './catalog';

describe('the lesson’s choices', () => {
  it('lists each model, task and scaling once, the lesson’s own first', () => {
    expect(EXECUTION_MODELS).toEqual(['parallel', 'lock', 'main-thread']);
    expect(TASK_KINDS).toEqual(['cpu', 'io']);
    expect(SCALINGS).toEqual(['strong', 'weak']);
  });

  it('lists the loops, the ways a run ends and the locks once, and the types are theirs', () => {
    expect(KERNEL_KINDS).toEqual(['js', 'wasm']);
    expect(RUN_STATUSES).toEqual(['done', 'stopped', 'failed']);
    expect(LOCK_KINDS).toEqual(['shared-memory', 'token']);
    // types.ts re-exports them, as it does the models: one home for each.
    expectTypeOf<types.KernelKind>().toEqualTypeOf<KernelKind>();
    expectTypeOf<types.RunStatus>().toEqualTypeOf<RunStatus>();
    expectTypeOf<types.LockKind>().toEqualTypeOf<LockKind>();
  });

  it('starts where the lesson starts: counting, with workers in parallel', () => {
    expect([DEFAULT_MODEL, DEFAULT_TASK]).toEqual(['parallel', 'cpu']);
  });

  it('lets only the main thread’s counting tasks freeze the page', () => {
    const freezable = EXECUTION_MODELS.flatMap((model) => TASK_KINDS.filter((task) => canFreeze(model, task)).map((task) => `${model} ${task}`));
    expect(freezable).toEqual(['main-thread cpu']);
  });

  it('counts on workers in every model but the main thread’s', () => {
    expect(EXECUTION_MODELS.filter((model) => countsOnWorkers(model))).toEqual(['parallel', 'lock']);
  });

  it('tells a listed choice from anything else a link or a file may hold', () => {
    expect(isOneOf(EXECUTION_MODELS, 'lock')).toBe(true);
    expect(isOneOf(EXECUTION_MODELS, 'Lock')).toBe(false);
    expect(isOneOf(TASK_KINDS, 'toString')).toBe(false);
    expect(isOneOf(SCALINGS, 1)).toBe(false);
    expect(isOneOf(SCALINGS, undefined)).toBe(false);
  });
});
