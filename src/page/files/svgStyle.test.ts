import { describe, expect, it } from 'vitest';
import { declarationsToWrite, INHERITED_SVG_PROPERTIES, innerMarkup, replacedInOrder } from './svgStyle';

const base = Object.fromEntries(INHERITED_SVG_PROPERTIES.map((name) => [name, 'x'])) as Record<string, string>;

describe('declarationsToWrite', () => {
  it('writes every property on the drawing itself, which has no parent to take them from', () => {
    const written = declarationsToWrite({ ...base, opacity: '1' }, null, new Set());
    expect(written.map(([name]) => name)).toEqual([...INHERITED_SVG_PROPERTIES]);
  });

  it('writes only what differs from the parent, and opacity when it is not 1', () => {
    const parent = { ...base, opacity: '1' };
    expect(declarationsToWrite({ ...base, opacity: '1' }, parent, new Set())).toEqual([]);
    expect(declarationsToWrite({ ...base, 'font-size': '24px', opacity: '0.25' }, parent, new Set())).toEqual([
      ['font-size', '24px'],
      ['opacity', '0.25'],
    ]);
  });

  it('writes a colour an attribute gives as a CSS variable, even where the parent resolves to the same', () => {
    const parent = { ...base, stroke: 'rgb(29, 78, 216)' };
    expect(declarationsToWrite({ ...base, stroke: 'rgb(29, 78, 216)' }, parent, new Set(['stroke']))).toEqual([['stroke', 'rgb(29, 78, 216)']]);
  });

  it('skips what the browser did not compute', () => {
    expect(declarationsToWrite({ fill: 'red', stroke: '' }, null, new Set())).toEqual([['fill', 'red']]);
  });
});

describe('innerMarkup', () => {
  it('is what lies between the opening and the closing tag', () => {
    expect(innerMarkup('<svg xmlns="http://www.w3.org/2000/svg" width="2"><g><path d="M0,0"/></g></svg>')).toBe('<g><path d="M0,0"/></g>');
    expect(innerMarkup('<svg xmlns="http://www.w3.org/2000/svg"/>')).toBeNull();
  });
});

describe('replacedInOrder', () => {
  it('replaces each drawing after the last, so that two alike are each replaced once', () => {
    const text = '<figure><svg><g/></svg><svg><g/></svg></figure>';
    expect(replacedInOrder(text, [{ markup: '<g/>', resolved: '<g style="fill: red;"/>' }, { markup: '<g/>', resolved: '<g id="2"/>' }])).toBe(
      '<figure><svg><g style="fill: red;"/></svg><svg><g id="2"/></svg></figure>',
    );
  });

  it('leaves a drawing it cannot find, and takes "$" in the markup literally', () => {
    expect(replacedInOrder('<svg><a/></svg>', [{ markup: '<b/>', resolved: '<c/>' }])).toBe('<svg><a/></svg>');
    expect(replacedInOrder('<svg><text>$1</text></svg>', [{ markup: '<text>$1</text>', resolved: "<text>$&$'</text>" }])).toBe("<svg><text>$&$'</text></svg>");
  });
});
