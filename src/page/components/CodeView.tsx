import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';
import typescript from 'highlight.js/lib/languages/typescript';
import { useId, useMemo, useState } from 'react';
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

/** A block of code, highlighted, with a "Copy" button and a polite status that says how the copy went. */
export default function CodeView({ source }: { source: Source }) {
  const aboutId = useId();
  const { about, code } = useMemo(() => codeFor(source), [source]);
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

  return (
    <>
      <p id={aboutId}>{about}</p>
      <div className="code-actions">
        <button type="button" className="quiet" aria-describedby={aboutId} onClick={() => void copy()}>
          Copy
        </button>
        <p role="status" className="code-status">
          {outcome?.code === code ? outcome.said : ''}
        </p>
      </div>
      <pre className="code-block" tabIndex={0} role="region" aria-label={NAMES[source.language]}>
        {/* highlight.js escapes the code it is given and returns only <span class="hljs-…"> around it, so this HTML holds no markup from the code itself (and no style attribute, which the page's policy would refuse). */}
        <code className={`hljs language-${source.language}`} dangerouslySetInnerHTML={{ __html: html }} />
      </pre>
    </>
  );
}
