import { describe, expect, it } from 'vitest';
import { canFreeze, EXECUTION_MODELS, isOneOf, SCALINGS, TASK_KINDS } from './catalog';

describe('the lesson’s choices', () => {
  it('lists each model, task and scaling once, the lesson’s own first', () => {
    expect(EXECUTION_MODELS).toEqual(['parallel', 'lock', 'main-thread']);
    expect(TASK_KINDS).toEqual(['cpu', 'io']);
    expect(SCALINGS).toEqual(['strong', 'weak']);
  });

  it('lets only the main thread’s counting tasks freeze the page', () => {
    const freezable = EXECUTION_MODELS.flatMap((model) => TASK_KINDS.filter((task) => canFreeze(model, task)).map((task) => `${model} ${task}`));
    expect(freezable).toEqual(['main-thread cpu']);
  });

  it('tells a listed choice from anything else a link or a file may hold', () => {
    expect(isOneOf(EXECUTION_MODELS, 'lock')).toBe(true);
    expect(isOneOf(EXECUTION_MODELS, 'Lock')).toBe(false);
    expect(isOneOf(TASK_KINDS, 'toString')).toBe(false);
    expect(isOneOf(SCALINGS, 1)).toBe(false);
    expect(isOneOf(SCALINGS, undefined)).toBe(false);
  });
});
