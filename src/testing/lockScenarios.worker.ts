import { expose } from 'comlink';
import { lockScenarios } from './lockScenarios';

expose(lockScenarios);
