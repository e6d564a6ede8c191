import type { InputHTMLAttributes, ReactNode } from 'react';

/** What a field may say of its input beyond its text: how it is typed, and its bounds. */
type InputShape = Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode' | 'placeholder' | 'min' | 'max' | 'step'>;

interface TextFieldProps extends InputShape {
  /** The input's id; its help line is `${id}-help`. */
  id: string;
  label: string;
  /** A class beside "field" on the wrapper, for the page's layout. */
  className?: string;
  value: string;
  /** One sentence saying what is wrong with the text, or null. */
  problem: string | null;
  /**
   * What the help line says while the text is good. Leave it out when another element
   * describes the field (`describedBy`), as one line does for the sweep's two fields.
   */
  help?: string;
  /** The id of the element that describes the field, when it is not this field's own help line. */
  describedBy?: string;
  disabled?: boolean;
  onChange: (text: string) => void;
  /** Shown after the help line: presets, say. */
  children?: ReactNode;
}

/**
 * One labelled text input with its help line, which turns into the problem's one sentence
 * (marked invalid, read out politely) while the text cannot be used: every typed field of the
 * page is drawn by this, so they label, describe and announce alike.
 */
export function TextField({ id, label, className, value, problem, help, describedBy, disabled, onChange, children, ...input }: TextFieldProps) {
  const helpId = `${id}-help`;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        {...input}
        value={value}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={describedBy ?? helpId}
        onChange={(event) => {
          onChange(event.currentTarget.value);
        }}
      />
      {help !== undefined && (
        <p id={helpId} className={problem ? 'field-error' : 'field-help'} aria-live="polite">
          {problem ?? help}
        </p>
      )}
      {children}
    </div>
  );
}
