import { describe, expect, it } from 'vitest';
import { visibleMachines, withSharedLinkMachine } from './chartMachines';
import type { ChartMachine } from './comparedMachine';
import { makeMachine } from '../../testing/makeMachine';


const fromLink: ChartMachine = { id: 'link-1', label: 'Desk 4', source: 'link', curve: [{ workers: 1, medianMs: 2000 }] };

describe('visibleMachines', () => {
  it('leaves the hidden ones out, each shown one keeping its place among all', () => {
    const shown = visibleMachines(['a', 'b', 'c'].map((id) => makeMachine(id)), new Set(['b']));
    expect(shown.map((each) => [each.id, each.line])).toEqual([
      ['a', 0],
      ['c', 2],
    ]);
  });

  it('keeps a machine’s scaling and nothing the charts do not draw', () => {
    const [weak] = visibleMachines([makeMachine('w', { scaling: 'weak' })], new Set());
    expect(weak).toEqual({ id: 'w', label: 'Machine w', source: 'file', curve: [{ workers: 1, medianMs: 1000 }], line: 0, scaling: 'weak' });
  });
});

describe('withSharedLinkMachine', () => {
  const compared = ['a', 'b', 'c'].map((id) => makeMachine(id));

  it('draws a share link’s machine after every compared one, hidden ones too', () => {
    const visible = visibleMachines(compared, new Set(['c']));
    const drawn = withSharedLinkMachine(visible, compared.length, fromLink);
    expect(drawn.map((each) => [each.id, each.line])).toEqual([
      ['a', 0],
      ['b', 1],
      ['link-1', 3],
    ]);
  });

  it('gives the same array back with no link, or with a link already added to the machines', () => {
    const visible = visibleMachines(compared, new Set());
    expect(withSharedLinkMachine(visible, compared.length, null)).toBe(visible);
    const added = visibleMachines([...compared, makeMachine('link-1', { source: 'link' })], new Set());
    expect(withSharedLinkMachine(added, compared.length + 1, fromLink)).toBe(added);
  });
});
