import { expose } from 'comlink';
import type { PythonCountingApi } from '../../lab/types';
import { PythonCounting } from './pythonCounting';

expose(new PythonCounting() satisfies PythonCountingApi<WebAssembly.Module>);
