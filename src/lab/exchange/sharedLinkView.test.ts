import { describe, expect, it } from 'vitest';
import { readShareFragment, shareFragment, type SharedSweep } from './shareLink';
import { sharedLinkView } from './sharedLinkView';

const sweep: SharedSweep = {
  label: 'Desk 4 <b>Chromebook</b>',
  reportedCores: 2,
  browser: 'Chrome 131',
  seriesWords: 'counting to 1 billion split over the workers',
  curve: [
    { workers: 1, medianMs: 3012.4 },
    { workers: 2, medianMs: 1530 },
  ],
};
const fragment = `#${shareFragment(sweep)}`;

describe('sharedLinkView', () => {
  it('shows a whole link’s curve on the charts as a link’s machine, and names its machine with an offer to add it', () => {
    const view = sharedLinkView({ reading: readShareFragment(fragment), phase: 'shown' });
    expect(view.chartMachine).toMatchObject({ label: sweep.label, source: 'link', curve: sweep.curve });
    expect(view.chartMachine?.id).toMatch(/^link-/);
    expect(view.notice).toEqual({ sentence: 'This link carries a sweep measured on “Desk 4 <b>Chromebook</b>” (Chrome 131, 2 cores).', canAdd: true });
    expect(view.problems).toEqual([]);
  });

  it('keeps a weak sweep’s scaling on the charts, so that its speed-up is reckoned as one', () => {
    const weak = readShareFragment(`#${shareFragment({ ...sweep, scaling: 'weak' })}`);
    expect(sharedLinkView({ reading: weak, phase: 'shown' }).chartMachine?.scaling).toBe('weak');
  });

  it('leaves the charts to Machines once added, and says so; after Dismiss nothing is left', () => {
    const reading = readShareFragment(fragment);
    expect(sharedLinkView({ reading, phase: 'added' })).toEqual({
      chartMachine: null,
      notice: { sentence: '“Desk 4 <b>Chromebook</b>” was added to Machines.', canAdd: false },
      problems: [],
    });
    expect(sharedLinkView({ reading, phase: 'dismissed' })).toEqual({ chartMachine: null, notice: null, problems: [] });
  });

  it('gives a damaged link one sentence and nothing on the charts, until dismissed', () => {
    const truncated = readShareFragment(fragment.slice(0, fragment.length - 12));
    expect(truncated.kind).toBe('bad');
    const view = sharedLinkView({ reading: truncated, phase: 'shown' });
    expect(view.chartMachine).toBeNull();
    expect(view.notice).toBeNull();
    expect(view.problems).toHaveLength(1);
    expect(view.problems[0]).toMatch(/^This share link is damaged/);
    expect(sharedLinkView({ reading: truncated, phase: 'dismissed' }).problems).toEqual([]);
  });

  it('says nothing of a fragment that is not a share link', () => {
    expect(sharedLinkView({ reading: readShareFragment('#results-section'), phase: 'shown' })).toEqual({ chartMachine: null, notice: null, problems: [] });
    expect(sharedLinkView({ reading: readShareFragment(''), phase: 'shown' })).toEqual({ chartMachine: null, notice: null, problems: [] });
  });
});
