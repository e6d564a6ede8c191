import { expose } from 'comlink';
import type { ProgramWorkerApi } from '../../shared/programProtocol';
import { ProgramService } from './programService';

expose(new ProgramService() satisfies ProgramWorkerApi);
