import { memo } from 'react';

interface SummaryProps {
  sentences: readonly string[];
  /** In presentation mode its box scrolls when a sweep's sentences are more than the screen holds: it is then a tab stop, so a keyboard scrolls it too. */
  scrolls: boolean;
}

/** The "Summary" region: the curve explained in words, with this machine's numbers. */
export const Summary = memo(function Summary({ sentences, scrolls }: SummaryProps) {
  return (
    <section className="summary" aria-labelledby="summary-title" tabIndex={scrolls ? 0 : undefined}>
      <h2 id="summary-title">Summary</h2>
      {sentences.map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
    </section>
  );
});
