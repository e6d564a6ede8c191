import { memo } from 'react';

interface CoresNoteProps {
  /** What navigator.hardwareConcurrency reported, or null when it reported nothing usable. */
  reported: number | null;
  /** The cores the page plans for. */
  cores: number;
}

export const CoresNote = memo(function CoresNote({ reported, cores }: CoresNoteProps) {
  return (
    <p className="cores-note">
      {reported === null
        ? `This browser does not say how many logical cores it has, so the lab assumes ${String(cores)}.`
        : `This browser reports ${String(reported)} logical ${reported === 1 ? 'core' : 'cores'}.`}
    </p>
  );
});
