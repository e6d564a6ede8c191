import { expose } from 'comlink';
import type { PythonCountingApi } from '../lab/types';
import { PythonCounting } from '../workers/python/pythonCounting';

// Node's own turn of the event loop: its MessagePorts drain their messages before any other port's, so the page's word (tokenWanted) would wait.
expose(new PythonCounting({ schedule: (step) => setImmediate(step) }) satisfies PythonCountingApi<WebAssembly.Module>);
