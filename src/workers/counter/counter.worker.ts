import { expose } from 'comlink';
import type { CounterWorkerApi } from '../../lab/types';
import { CounterService } from './counterService';

expose(new CounterService() satisfies CounterWorkerApi<WebAssembly.Module>);
