import type { Options } from 'html-to-image/lib/types';

/** The wall-clock figure as the page shows it (src/page/components/Figures.tsx): its caption and its drawing. */
export const WALL_CLOCK_FIGURE = '.figures-wall-clock figure.chart';

/** The PNG's pixels per CSS pixel: sharp on a projector or a slide, whatever the screen it was made on. */
const PNG_PIXEL_RATIO = 2;

/** The wall-clock figure on the page, or null while it is not drawn. */
export function wallClockFigure(): HTMLElement | null {
  return document.querySelector<HTMLElement>(WALL_CLOCK_FIGURE);
}

/** Text as XML character data: the caption comes from the page, but a label inside it may not. */
function xmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** An SVG document's text with `title` as its first child: what a viewer, a file browser or a screen reader names it by. */
export function withTitle(svgText: string, title: string): string {
  const openingEnd = svgText.indexOf('>', svgText.indexOf('<svg'));
  if (openingEnd < 0 || title.trim() === '') return svgText;
  return `${svgText.slice(0, openingEnd + 1)}<title>${xmlText(title.trim())}</title>${svgText.slice(openingEnd + 1)}`;
}

/** The SVG text inside a `data:image/svg+xml;charset=utf-8,…` URL as html-to-image writes it (percent-encoded). */
export function svgFromDataUrl(dataUrl: string): string {
  return decodeURIComponent(dataUrl.slice(dataUrl.indexOf(',') + 1));
}

/**
 * How html-to-image copies the figure: every element's computed style inlined
 * (so the page's CSS variables arrive as colours), on the page's own paper
 * colour, without the table only screen readers get; no web fonts to fetch.
 */
function imageOptions(figure: HTMLElement): Options {
  return {
    backgroundColor: getComputedStyle(document.body).backgroundColor || '#ffffff',
    skipFonts: true,
    filter: (node) => !(node instanceof Element && node.classList.contains('visually-hidden')),
    // The figure's own size: the image is the chart as shown, whatever the window.
    width: figure.offsetWidth,
    height: figure.offsetHeight,
  };
}

/** The figure's caption, one line: the SVG's title. */
function captionOf(figure: HTMLElement): string {
  return (figure.querySelector('figcaption')?.textContent ?? '').replace(/\s+/g, ' ');
}

/** The figure as a standalone SVG file (html-to-image, loaded on first use). */
export async function chartSvg(figure: HTMLElement): Promise<Blob> {
  const { toSvg } = await import('html-to-image');
  const svg = withTitle(svgFromDataUrl(await toSvg(figure, imageOptions(figure))), captionOf(figure));
  return new Blob([svg], { type: 'image/svg+xml' });
}

/** The figure as a PNG file (html-to-image draws the SVG on a canvas: the page's policy must let an image come from data:). */
export async function chartPng(figure: HTMLElement): Promise<Blob> {
  const { toBlob } = await import('html-to-image');
  const png = await toBlob(figure, { ...imageOptions(figure), pixelRatio: PNG_PIXEL_RATIO });
  if (png === null) throw new Error('The browser drew no PNG.');
  return png;
}
