import { METER_UPDATE_MS } from '../../lab/measurement/frames';
import { redrawGrid, type RedrawGrid } from '../../lab/redrawGrid';
import { pageTimers } from '../boundary/pageTimers';


/**
 * The page's one grid for its live parts, every METER_UPDATE_MS (twice a second): the run
 * controller gathers the workers' progress, and the frame meter's step and a run's progress bars
 * and timeline change, in the same task, so the page wakes once and draws one frame for all of them. Each frame the page draws while workers count is time its
 * thread takes from them (on a 2-core VM, the bars' fill moved five times a second took about
 * 0.7% of a core, the meter's own steps at other moments 0.4%).
 */
export const liveRedraws: RedrawGrid = redrawGrid(METER_UPDATE_MS, pageTimers);
