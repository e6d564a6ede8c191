import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { makeRun } from '../../testing/makeRun';
import { ResultsTable } from './ResultsTable';

/** The aria-describedby of each table in the markup, and the id of each block of notes. */
function links(markup: string) {
  const describedBy = [...markup.matchAll(/<table[^>]*>/g)].map((match) => / aria-describedby="([^"]*)"/.exec(match[0])?.[1] ?? null);
  const notesIds = [...markup.matchAll(/<div class="results-notes" id="([^"]+)"/g)].map((match) => match[1]);
  return { describedBy, notesIds };
}

describe('ResultsTable', () => {
  it('links the table to the notes under it for screen readers', () => {
    const markup = renderToStaticMarkup(createElement(ResultsTable, { runs: [makeRun(1, 1000), makeRun(2, 600)] }));
    expect(markup).toContain('Speed-up: against the median wall-clock time');
    const { describedBy, notesIds } = links(markup);
    expect(notesIds).toHaveLength(1);
    expect(describedBy).toEqual(notesIds);
  });

  it('points at no notes when none show', () => {
    const markup = renderToStaticMarkup(createElement(ResultsTable, { runs: [] }));
    expect(links(markup)).toEqual({ describedBy: [null], notesIds: [] });
  });

  it('gives each table’s notes an id of their own', () => {
    const runs = [makeRun(1, 1000), makeRun(2, 600)];
    const markup = renderToStaticMarkup(createElement(Fragment, null, createElement(ResultsTable, { runs }), createElement(ResultsTable, { runs })));
    const { describedBy, notesIds } = links(markup);
    expect(new Set(notesIds).size).toBe(2);
    expect(describedBy).toEqual(notesIds);
  });
});
