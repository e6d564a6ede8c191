import { describe, expect, it } from 'vitest';
import { appendOutput, ASYNCIO_NOTE, droppedNote, EMPTY_LOG, oneAtATimeSentence, outcomeSentence, programFailureSentence, programNotes, THREADS_NOTE } from './programOutput';

describe('appendOutput', () => {
  it('keeps the order of arrival and the stream of each line', () => {
    const log = appendOutput(EMPTY_LOG, [
      { text: 'first', stream: 'stdout' },
      { text: 'Traceback (most recent call last):', stream: 'stderr' },
      { text: 'second', stream: 'stdout' },
    ]);
    expect(log.lines).toEqual([
      { text: 'first', stream: 'stdout' },
      { text: 'Traceback (most recent call last):', stream: 'stderr' },
      { text: 'second', stream: 'stdout' },
    ]);
    expect(log.dropped).toBe(0);
  });

  it('splits a chunk into its lines; one newline at its end adds no empty line, a blank line stays', () => {
    const log = appendOutput(EMPTY_LOG, [
      { text: 'a\nb\n', stream: 'stdout' },
      { text: '', stream: 'stdout' },
      { text: 'c\r\n\nd', stream: 'stderr' },
    ]);
    expect(log.lines.map((line) => line.text)).toEqual(['a', 'b', '', 'c', '', 'd']);
    expect(log.lines.map((line) => line.stream)).toEqual(['stdout', 'stdout', 'stdout', 'stderr', 'stderr', 'stderr']);
  });

  it('keeps the last `cap` lines and counts the ones it dropped, over several appends', () => {
    let log = EMPTY_LOG;
    for (let index = 0; index < 7; index += 1) log = appendOutput(log, [{ text: `line ${String(index)}`, stream: 'stdout' }], 3);
    expect(log.lines.map((line) => line.text)).toEqual(['line 4', 'line 5', 'line 6']);
    expect(log.dropped).toBe(4);
    expect(droppedNote(log, 3)).toBe('4 earlier lines were dropped: the log keeps the last 3.');
  });

  it('returns the same log for nothing to add, and says nothing of drops when there were none', () => {
    expect(appendOutput(EMPTY_LOG, [])).toBe(EMPTY_LOG);
    expect(droppedNote(EMPTY_LOG)).toBeNull();
    expect(droppedNote({ lines: [], dropped: 1 }, 2000)).toBe('1 earlier line was dropped: the log keeps the last 2,000.');
  });
});

describe('outcomeSentence', () => {
  it('says how a program ended, and how long it took when it ended by itself', () => {
    expect(outcomeSentence({ status: 'done', exitCode: 0 }, 2.4149)).toBe('The program ended (exit code 0) in 2.41 s.');
    expect(outcomeSentence({ status: 'done', exitCode: 3 }, 0.5)).toBe('The program ended (exit code 3) in 0.50 s.');
  });

  it("gives a failure's message as a sentence", () => {
    expect(outcomeSentence({ status: 'failed', exitCode: 1, message: 'ZeroDivisionError: division by zero' }, 1)).toBe(
      'The program failed: ZeroDivisionError: division by zero.',
    );
    expect(outcomeSentence({ status: 'failed', exitCode: 1, message: 'Python could not start.' }, 1)).toBe('The program failed: Python could not start.');
    expect(outcomeSentence({ status: 'failed', exitCode: 2 }, 1)).toBe('The program failed: it ended with exit code 2.');
    // runProgram's own sentences: the uncaught exception named once, an exit code as it says it.
    expect(outcomeSentence({ status: 'failed', exitCode: 1, message: 'The program stopped with ZeroDivisionError: division by zero.' }, 1)).toBe(
      'The program failed: ZeroDivisionError: division by zero.',
    );
    expect(outcomeSentence({ status: 'failed', exitCode: 3, message: 'The program exited with code 3.' }, 1)).toBe('The program exited with code 3.');
  });

  it('names what Stop ended', () => {
    expect(outcomeSentence({ status: 'stopped', exitCode: null }, 1, 4)).toBe('Stopped: the program and its 4 processes were ended.');
    expect(outcomeSentence({ status: 'stopped', exitCode: null }, 1, 1)).toBe('Stopped: the program and its 1 process were ended.');
    expect(outcomeSentence({ status: 'stopped', exitCode: null }, 1, 0)).toBe('Stopped: the program was ended.');
    expect(outcomeSentence({ status: 'stopped', exitCode: null }, 1)).toBe('Stopped: the program and every process it started were ended.');
  });
});

describe('oneAtATimeSentence', () => {
  it("names this machine's cores", () => {
    expect(oneAtATimeSentence(2)).toContain('this machine’s 2 cores');
    expect(oneAtATimeSentence(1)).toContain('this machine’s one core');
  });
});

describe('programNotes', () => {
  it('says that threads cannot start here for a program that imports threading, and nothing for the multiprocessing one', () => {
    const here = { stackSwitching: true };
    expect(programNotes('import sys\nimport threading\nimport time\n', here)).toEqual([THREADS_NOTE]);
    expect(programNotes('from threading import Thread\n', here)).toEqual([THREADS_NOTE]);
    expect(programNotes('import multiprocessing\nimport time\n# threading is not used\n', here)).toEqual([]);
  });

  it('says that asyncio.run cannot run only where the browser lacks stack switching', () => {
    const program = 'import asyncio\n\nasync def main():\n    pass\n\nasyncio.run(main())\n';
    expect(programNotes(program, { stackSwitching: true })).toEqual([]);
    expect(programNotes(program, { stackSwitching: false })).toEqual([ASYNCIO_NOTE]);
    expect(programNotes('import multiprocessing\n', { stackSwitching: false })).toEqual([]);
  });
});

describe('programFailureSentence', () => {
  it('names the uncaught error, or else the exit code, and the outcome line says it once', () => {
    const uncaught = programFailureSentence({ exitCode: 1, error: 'ZeroDivisionError: division by zero' });
    expect(uncaught).toBe('The program stopped with ZeroDivisionError: division by zero.');
    expect(outcomeSentence({ status: 'failed', exitCode: 1, message: uncaught }, 1.5)).toBe('The program failed: ZeroDivisionError: division by zero.');
    const exited = programFailureSentence({ exitCode: 3, error: null });
    expect(exited).toBe('The program exited with code 3.');
    expect(outcomeSentence({ status: 'failed', exitCode: 3, message: exited }, 1.5)).toBe('The program exited with code 3.');
  });
});
