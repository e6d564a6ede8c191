import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface SettingsFoldProps {
  /** True in presentation mode: the settings fold away behind the summary. Otherwise they are always open and the summary is hidden. */
  folds: boolean;
  /** The summary's text: what is inside, and the values that matter, so the class sees them while it is folded. */
  summary: string;
  children: ReactNode;
}

/**
 * Settings a class does not need on the projector's first screen, in a panel
 * that folds in presentation mode. One element either way, so switching the
 * mode keeps the controls inside (and focus on them). It starts folded
 * unless focus is inside it.
 */
export function SettingsFold({ folds, summary, children }: SettingsFoldProps) {
  const panel = useRef<HTMLDetailsElement>(null);
  const [opened, setOpened] = useState(false);
  useLayoutEffect(() => {
    // Folding away the control that has focus would drop focus on the page's body.
    if (folds) setOpened(panel.current?.contains(document.activeElement) ?? false);
  }, [folds]);
  return (
    <details
      ref={panel}
      className={`settings-fold${folds ? ' folds' : ''}`}
      open={!folds || opened}
      onToggle={(event) => {
        if (folds) setOpened(event.currentTarget.open);
      }}
    >
      <summary>{summary}</summary>
      <div className="settings-fold-body">{children}</div>
    </details>
  );
}
