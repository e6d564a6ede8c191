import { memo } from 'react';

/** The lesson in plain words, for students who read along. */
export const Explainer = memo(function Explainer() {
  return (
    <section className="explainer" aria-labelledby="explainer-title">
      <h2 id="explainer-title">What you are seeing</h2>
      <p>
        Each worker runs the same little loop: start at 0 and add 1 until it reaches its share. Nothing else happens, so the
        time is pure CPU work. The total is split evenly: with 4 workers, each counts a quarter.
      </p>
      <p>
        A Web Worker is like a Python <em>process</em> here: it has its own JavaScript engine and its own memory, so workers on
        different cores really run <strong>at the same time</strong> (parallelism). Python <em>threads</em> would take turns,
        because its global interpreter lock lets only one run Python at a time (concurrency). Threads help when a program
        waits for files or the network; processes and workers help when it computes.
      </p>
      <p>
        The time falls as you add workers, until there are more workers than cores. Then the extra workers have no core of
        their own: they wait their turn, and every one still costs start-up time. In the Python lesson, on 4 cores, counting
        to 1 billion took 56.7 s with 1 process, 40.3 s with 2, 27.3 s with 4 and 30 s with 8.
      </p>
      <p>
        The times are measured on this device, on the page’s own clock: <strong>start-up</strong> is from creating the first
        worker until every worker is ready; <strong>compute</strong> is from the start signal until the last worker answers;
        <strong> wall-clock</strong> is both together. Keep this tab in front while it runs: browsers slow down hidden tabs.
      </p>
    </section>
  );
});
