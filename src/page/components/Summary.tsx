import { memo } from 'react';

interface SummaryProps {
  sentences: readonly string[];
}

/** The "Summary" region: the curve explained in words, with this machine's numbers. */
export const Summary = memo(function Summary({ sentences }: SummaryProps) {
  return (
    // A tab stop: in presentation mode its box scrolls when a sweep's sentences are more than the screen holds.
    <section className="summary" aria-labelledby="summary-title" tabIndex={0}>
      <h2 id="summary-title">Summary</h2>
      {sentences.map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
    </section>
  );
});
