import { expose } from 'comlink';
import type { CounterApi } from '../../lab/types';
import { CounterService } from './counterService';

expose(new CounterService() satisfies CounterApi);
