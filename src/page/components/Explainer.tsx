import { memo } from 'react';
import { countInWords } from '../../lab/measurement/count';
import { LESSON_CORES, LESSON_TOTAL, lessonTimesInWords } from '../../lab/texts/pythonTime';

/**
 * The lesson in plain words, for students who read along: the two tasks, what a Web
 * Worker is, what Python's GIL changes, the three execution models and how to read the Timeline.
 */
export const Explainer = memo(function Explainer() {
  return (
    <section className="explainer" aria-labelledby="explainer-title">
      <h2 id="explainer-title">What you are seeing</h2>
      <p>The two tasks:</p>
      <ul>
        <li>
          <strong>CPU-bound: counting</strong> — each worker runs the same little loop: start at 0 and add 1 until it reaches its
          share. Nothing else happens, so the time is pure CPU work. The total is split evenly: with 4 workers, each counts a
          quarter.
        </li>
        <li>
          <strong>I/O-bound: waiting</strong> — each worker waits instead, as a program waits for a disk or the network, as long
          as counting its share would take one worker here. Waiting needs no core, so the waits overlap in every model.
        </li>
      </ul>
      <p>
        A <strong>Web Worker</strong> is a thread of the operating system, so the system can run workers on different cores{' '}
        <strong>at the same time</strong> (parallelism). Unlike most threads, each worker has a memory of its own: workers
        share nothing unless the page asks for it, and they talk by sending messages. In that they are like Python{' '}
        <em>processes</em>, which is why they stand in for the lesson’s processes here. JavaScript has no global interpreter
        lock, so nothing makes the workers take turns.
      </p>
      <p>
        Python is different. Its threads share one memory, and the standard interpreter has a global interpreter lock (the{' '}
        <strong>GIL</strong>): only the thread that holds it runs Python code, and it is asked to hand it over every 5 ms
        (<code>sys.getswitchinterval()</code>). So threads that count take turns, and 4 of them are no faster than one
        (concurrency, not parallelism). That is why the lesson uses processes: each has its own interpreter and its own lock.
        Threads still help a program that <em>waits</em> for files or the network, since a waiting thread lets go of the lock.
      </p>
      <p>The three execution models:</p>
      <ul>
        <li>
          <strong>Workers in parallel</strong>: like Python processes, each worker counts on a core of its own, all at once, while
          there are cores enough; beyond them, the operating system takes turns between the workers.
        </li>
        <li>
          <strong>Workers sharing one lock</strong>: like Python threads under the GIL. Only the worker that holds the lock counts,
          and it hands the lock over every 5 ms, so one counts at a time, however many cores there are.
        </li>
        <li>
          <strong>Main thread</strong>: the tasks take turns in 5 ms slices on the page’s own thread, like Python’s asyncio tasks
          on one thread, each awaiting after a slice so that the next gets its turn.{' '}
          <strong>Freeze the page</strong> runs them as one long task, with no break for the page: watch the{' '}
          <strong>Frame rate</strong> meter stall until it ends.
        </li>
      </ul>
      <p>
        With workers in parallel, the counting time falls as you add workers, until there are more workers than cores. Then the
        workers share the cores: the operating system takes turns between them, out of the page’s sight. Every lane still
        reads “counting”, but each worker counts only while its turn lasts (after the run, each lane says about how much of a
        core its worker had), and every extra worker still costs start-up time. In the Python lesson, on {LESSON_CORES} cores, counting
        to {countInWords(LESSON_TOTAL)} took {lessonTimesInWords()}.
      </p>
      <p>
        The <strong>Timeline</strong> has one lane per worker (or task), coloured by what it was doing: starting up, counting,
        waiting for the lock (on the main thread: for a turn), waiting for I/O, done or stopped. In parallel the counting bars
        lie side by side (beyond the cores, the system takes its turns between them out of the page’s sight, so the page cannot
        draw them); under one lock or on the main thread they take turns, one at a time, and the page sees each turn.
      </p>
      <p>
        The times are measured on this device, on the page’s own clock: <strong>start-up</strong> is from creating the first
        worker until every worker is ready; <strong>compute</strong> is from the start signal until the last worker answers;
        <strong> wall-clock</strong> is both together. Keep this tab in front while it runs: browsers slow down hidden tabs.
      </p>
    </section>
  );
});
