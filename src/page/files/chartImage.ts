import type { Options } from 'html-to-image/lib/types';
import { replacedInOrder, resolvedDrawing } from './svgStyle';

/** The wall-clock figure as the page shows it (src/page/components/Figures.tsx): its caption and its drawing. */
export const WALL_CLOCK_FIGURE = '.figures-wall-clock figure.chart';

/** The PNG's pixels per CSS pixel: sharp on a projector or a slide, whatever the screen it was made on. */
const PNG_PIXEL_RATIO = 2;

/** The wall-clock figure on the page, or null while it is not drawn. */
export function wallClockFigure(): HTMLElement | null {
  return document.querySelector<HTMLElement>(WALL_CLOCK_FIGURE);
}

/** The page's paper (white, or the dark theme's), resolved: the image's background, so that its ink stays readable. */
function paperColour(): string {
  return getComputedStyle(document.body).backgroundColor || '#ffffff';
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
    backgroundColor: paperColour(),
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

/**
 * The figure as SVG text (html-to-image, loaded on first use), its drawings'
 * CSS resolved (src/page/files/svgStyle.ts) and titled by its caption.
 */
async function chartSvgText(figure: HTMLElement): Promise<string> {
  const { toSvg } = await import('html-to-image');
  // html-to-image copies each <svg> whole, in the page's order (the chart's drawing, its legend's icons): each copy's markup is replaced by its resolved one.
  const drawings = [...figure.querySelectorAll('svg')].flatMap((drawing) => resolvedDrawing(drawing) ?? []);
  const svg = replacedInOrder(svgFromDataUrl(await toSvg(figure, imageOptions(figure))), drawings);
  return withTitle(svg, captionOf(figure));
}

/** The figure as a standalone SVG file. */
export async function chartSvg(figure: HTMLElement): Promise<Blob> {
  return new Blob([await chartSvgText(figure)], { type: 'image/svg+xml' });
}

/**
 * The figure as a PNG file: its SVG drawn on a canvas, PNG_PIXEL_RATIO pixels a
 * CSS pixel, on the page's paper. The SVG is loaded as an image from a data:
 * URL, which the page's policy allows (img-src data:, src/shared/securityHeaders.ts).
 */
export async function chartPng(figure: HTMLElement): Promise<Blob> {
  const svg = await chartSvgText(figure);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = figure.offsetWidth * PNG_PIXEL_RATIO;
  canvas.height = figure.offsetHeight * PNG_PIXEL_RATIO;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no canvas to draw on');
  context.fillStyle = paperColour();
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => {
    canvas.toBlob((png) => {
      if (png === null) reject(new Error('the browser drew no PNG'));
      else resolve(png);
    }, 'image/png');
  });
}
