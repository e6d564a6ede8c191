import { memo } from 'react';
import { MODEL_LABELS, modelHint, TASK_LABELS } from '../../lab/texts/lesson';
import { canFreeze, EXECUTION_MODELS, TASK_KINDS } from '../../lab/models/catalog';
import { FREEZE_CAP_SENTENCE } from '../../lab/models/turns';
import type { ExecutionModel, TaskKind } from '../../lab/types';
import { ChoiceGroup } from './ChoiceGroup';

interface ModelControlsProps {
  model: ExecutionModel;
  task: TaskKind;
  freeze: boolean;
  /** What a waiting task of this run would wait, in words ("each of 2 tasks waits 1,500 ms"), or null while the count cannot run. */
  waitText: string | null;
  disabled: boolean;
  onModelChange: (model: ExecutionModel) => void;
  onTaskChange: (task: TaskKind) => void;
  onFreezeChange: (freeze: boolean) => void;
  /** Why the chosen kernel language does not offer this model and task, in one sentence (src/lab/models/pythonSupport.ts); null when it does. */
  unavailable?: string | null;
}

const MODEL_OPTIONS = EXECUTION_MODELS.map((value) => ({ value, label: MODEL_LABELS[value] }));
const TASK_OPTIONS = TASK_KINDS.map((value) => ({ value, label: TASK_LABELS[value] }));

/**
 * The lesson's second half: "Execution model" (processes, threads under a lock, one
 * thread), "Task" (counting or waiting) and, for counting on the main thread, "Freeze the page".
 */
export const ModelControls = memo(function ModelControls({
  model,
  task,
  freeze,
  waitText,
  disabled,
  onModelChange,
  onTaskChange,
  onFreezeChange,
  unavailable = null,
}: ModelControlsProps) {
  const freezeApplies = canFreeze(model, task);
  return (
    <div className="model-controls">
      <div className="choices">
        <ChoiceGroup legend="Execution model" name="model" value={model} options={MODEL_OPTIONS} disabled={disabled} onChange={onModelChange} />
        <ChoiceGroup legend="Task" name="task" value={task} options={TASK_OPTIONS} disabled={disabled} onChange={onTaskChange} />
      </div>
      <p className="hint model-hint">{modelHint(model, task, waitText)}</p>
      {unavailable !== null && (
        <p className="field-error model-unavailable" role="status">
          {unavailable}
        </p>
      )}
      <div className="freeze">
        <label>
          <input
            type="checkbox"
            checked={freeze}
            disabled={disabled || !freezeApplies}
            aria-describedby="freeze-hint"
            onChange={(event) => {
              onFreezeChange(event.target.checked);
            }}
          />
          Freeze the page
        </label>
        <p id="freeze-hint" className="hint">
          {freezeApplies
            ? `Counts on the main thread without letting the browser draw in between: watch the frame rate. ${FREEZE_CAP_SENTENCE}`
            : 'For counting on the main thread: choose “Main thread” and “CPU-bound: counting”.'}
        </p>
      </div>
    </div>
  );
});
