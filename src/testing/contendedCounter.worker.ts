import { expose } from 'comlink';
import type { CounterWorkerApi } from '../lab/types';
import { contendedCounter } from './contendedCounter';

expose(contendedCounter() satisfies CounterWorkerApi);
