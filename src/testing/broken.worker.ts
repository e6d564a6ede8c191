/** A worker entry for workerHost.test.ts that fails while it loads, before it exposes anything. */
throw new Error('It broke while loading.');
