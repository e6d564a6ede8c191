import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';
import typescript from 'highlight.js/lib/languages/typescript';
import { useId, useMemo, useRef, useState } from 'react';
import { ProgramRunner } from './ProgramRunner';
import { initialPythonLoad, type PythonLoad } from '../../lab/pythonLoad';
import './program.css';
import { excerptCaption, excerptText, programCaption, pythonProgram, typescriptExcerpt, type LessonSettings, type SourcePath } from '../../lab/texts/lessonCode';
import type { ExecutionModel, TaskKind } from '../../lab/types';
import kernelSource from '../../lab/measurement/kernel.ts?raw';
import lockSource from '../../lab/models/lock.ts?raw';
import turnsSource from '../../lab/models/turns.ts?raw';
import counterServiceSource from '../../workers/counter/counterService.ts?raw';
import runOnWorkersSource from '../run/runOnWorkers.ts?raw';
import lifecycleSource from '../boundary/lifecycle.ts?raw';

hljs.registerLanguage('python', python);
hljs.registerLanguage('typescript', typescript);

/** The app's own files as text, as the build has them: what the TypeScript tab cuts its excerpts from. */
const SOURCES: Record<SourcePath, string> = {
  'lab/measurement/kernel.ts': kernelSource,
  'lab/models/lock.ts': lockSource,
  'lab/models/turns.ts': turnsSource,
  'workers/counter/counterService.ts': counterServiceSource,
  'page/run/runOnWorkers.ts': runOnWorkersSource,
  'page/boundary/lifecycle.ts': lifecycleSource,
};

type Source = { language: 'python'; settings: LessonSettings } | { language: 'typescript'; model: ExecutionModel; task: TaskKind };

const NAMES = { python: 'Python program', typescript: 'TypeScript code' } as const;

/** What a Copy click said, and for which text: a new text clears it. */
interface CopyOutcome {
  code: string;
  said: string;
}

const COPIED = 'Copied.';
const REFUSED = 'Copying is not allowed here: select the code and copy it by hand.';

/** The code a tab shows, with one sentence on what it is. */
function codeFor(source: Source): { about: string; code: string } {
  if (source.language === 'python') return { about: programCaption(source.settings), code: pythonProgram(source.settings) };
  return { about: excerptCaption(source.model, source.task), code: excerptText(typescriptExcerpt(source.model, source.task), SOURCES) };
}

/** What the Python tab says once the program has been edited. */
const EDITED_ABOUT = 'Your edited program: it keeps your text while the settings change, until “Reset program” brings back the page’s program for the settings above.';

interface CodeViewProps {
  source: Source;
  /** True while a lab run or sweep is under way: a program waits (one at a time). */
  labRunning?: boolean;
  /** Told when a program starts and ends, so the lab's Run waits meanwhile. */
  onProgramRunningChange?: (running: boolean) => void;
  /** The page's one Python load, shown by the program's runner while a program waits for it. */
  pythonLoad?: PythonLoad;
}

/**
 * A block of code, highlighted, with a "Copy" button and a polite status that says how the copy went.
 * Python's is an editable textbox over its highlighted text, with "Reset program" and the program's runner.
 */
export default function CodeView({ source, labRunning = false, onProgramRunningChange, pythonLoad = initialPythonLoad }: CodeViewProps) {
  const aboutId = useId();
  const editorId = useId();
  const { about, code: pageCode } = useMemo(() => codeFor(source), [source]);
  // The student's own text, or null while the program follows the settings.
  const [edited, setEdited] = useState<string | null>(null);
  const editor = useRef<HTMLTextAreaElement>(null);
  const python = source.language === 'python';
  const code = python && edited !== null ? edited : pageCode;
  const html = useMemo(() => hljs.highlight(code, { language: source.language }).value, [code, source.language]);
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);

  const copy = async () => {
    try {
      // Missing outside a secure context; refused when the page may not write to the clipboard.
      if (!('clipboard' in navigator)) throw new Error('No clipboard here.');
      await navigator.clipboard.writeText(code);
      setOutcome({ code, said: COPIED });
    } catch {
      setOutcome({ code, said: REFUSED });
    }
  };

  // highlight.js escapes the code it is given and returns only <span class="hljs-…"> around it, so this HTML holds no markup from the code itself (and no style attribute, which the page's policy would refuse).
  const highlighted = <code className={`hljs language-${source.language}`} dangerouslySetInnerHTML={{ __html: html }} />;

  return (
    <>
      <p id={aboutId}>{python && edited !== null ? EDITED_ABOUT : about}</p>
      <div className="code-actions">
        <button type="button" className="quiet" aria-describedby={aboutId} onClick={() => void copy()}>
          Copy
        </button>
        {python && (
          <button
            type="button"
            className="quiet"
            disabled={edited === null}
            onClick={() => {
              setEdited(null);
              // The button is disabled at once: focus goes to the program it brought back, not to the page's start.
              editor.current?.focus();
            }}
          >
            Reset program
          </button>
        )}
        <p role="status" className="code-status">
          {outcome?.code === code ? outcome.said : ''}
        </p>
      </div>
      {python ? (
        <>
          <label htmlFor={editorId} className="program-label">
            Python program
          </label>
          {/* The textbox's own text is drawn transparent over the same text highlighted (src/page/components/program.css): one text, edited and coloured. */}
          <div className="program-editor">
            <pre aria-hidden="true">{highlighted}</pre>
            <textarea
              ref={editor}
              id={editorId}
              value={code}
              wrap="off"
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              autoCorrect="off"
              onChange={(event) => {
                const text = event.target.value;
                // Typed back to the page's program: it follows the settings again.
                setEdited(text === pageCode ? null : text);
              }}
            />
          </div>
          <ProgramRunner source={code} labRunning={labRunning} onRunningChange={onProgramRunningChange} pythonLoad={pythonLoad} />
        </>
      ) : (
        <pre className="code-block" tabIndex={0} role="region" aria-label={NAMES[source.language]}>
          {highlighted}
        </pre>
      )}
    </>
  );
}
