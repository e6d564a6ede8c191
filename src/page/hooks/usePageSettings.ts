import { useCallback, useMemo, useReducer, useState } from 'react';
import { settingsReducer, type PageSettings, type WorkerReuse } from '../../lab/settings/pageSettings';
import type { ExecutionModel, KernelLanguage, Scaling, TaskKind } from '../../lab/types';

/**
 * Every setting of the page in one place (src/lab/settings/pageSettings.ts), started from the link
 * the page was opened with and what it remembered (`start`, read once by the caller); the notices
 * on what the link asked for; and one stable setter per control, so that memoized controls are not
 * redrawn while workers count.
 */
export function usePageSettings(start: { settings: PageSettings; notices: string[] }, workerLimit: number) {
  const [settings, dispatch] = useReducer(useMemo(() => settingsReducer(workerLimit), [workerLimit]), start.settings);
  const [notices, setNotices] = useState(start.notices);
  const set = useMemo(
    () => ({
      workers: (workers: number) => {
        dispatch({ type: 'workers', workers });
      },
      count: (text: string) => {
        dispatch({ type: 'count', text });
      },
      workerCounts: (text: string) => {
        dispatch({ type: 'worker-counts', text });
      },
      repeats: (text: string) => {
        dispatch({ type: 'repeats', text });
      },
      scaling: (scaling: Scaling) => {
        dispatch({ type: 'scaling', scaling });
      },
      workerReuse: (workerReuse: WorkerReuse) => {
        dispatch({ type: 'worker-reuse', workerReuse });
      },
      model: (model: ExecutionModel) => {
        dispatch({ type: 'model', model });
      },
      task: (task: TaskKind) => {
        dispatch({ type: 'task', task });
      },
      freeze: (freeze: boolean) => {
        dispatch({ type: 'freeze', freeze });
      },
      quiet: (quiet: boolean) => {
        dispatch({ type: 'quiet', quiet });
      },
      present: (present: boolean) => {
        dispatch({ type: 'present', present });
      },
      prediction: (text: string) => {
        dispatch({ type: 'prediction', text });
      },
      language: (language: KernelLanguage) => {
        dispatch({ type: 'language', language });
      },
    }),
    [],
  );
  const dismissNotices = useCallback(() => {
    setNotices([]);
  }, []);
  return { settings, set, notices, dismissNotices };
}
