import { describe, expect, it } from 'vitest';
import { svgFromDataUrl, withTitle } from './chartImage';

describe('withTitle', () => {
  it('puts the title first inside the root element, as XML text', () => {
    expect(withTitle('<svg xmlns="http://www.w3.org/2000/svg" width="2"><g/></svg>', ' Wall-clock time <b>"Desk" & 4</b> ')).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="2"><title>Wall-clock time &lt;b&gt;"Desk" &amp; 4&lt;/b&gt;</title><g/></svg>',
    );
  });

  it('leaves the SVG as it is without a title or without a root', () => {
    expect(withTitle('<svg><g/></svg>', '  ')).toBe('<svg><g/></svg>');
    expect(withTitle('not svg', 'Title')).toBe('not svg');
  });
});

describe('svgFromDataUrl', () => {
  it('decodes the percent-encoded SVG of a data: URL', () => {
    const svg = '<svg><text>50% of 2 → 1 & more</text></svg>';
    expect(svgFromDataUrl(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`)).toBe(svg);
  });
});
