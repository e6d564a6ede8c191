/**
 * The chart's drawing with its CSS resolved. html-to-image copies an <svg>
 * as it is, without the styles the page's CSS gives its parts (the font size
 * of the axis labels, presentation mode's thicker lines), and Recharts colours
 * it with `var(--…)`: an image must carry the values themselves.
 */

/** The properties that decide how a chart's part looks, and that a child takes from its parent unless it sets its own. */
export const INHERITED_SVG_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

/** A computed style as the property → value pairs it is read for. */
export type StyleValues = Readonly<Partial<Record<string, string>>>;

/**
 * The declarations to write on one element: each inherited property that
 * differs from its parent's (or that an attribute gives as a CSS variable,
 * which only the page could resolve), and its opacity unless it is 1.
 */
export function declarationsToWrite(own: StyleValues, parent: StyleValues | null, variableAttributes: ReadonlySet<string>): [string, string][] {
  const written: [string, string][] = [];
  for (const name of INHERITED_SVG_PROPERTIES) {
    const value = own[name];
    if (value === undefined || value === '') continue;
    if (parent === null || parent[name] !== value || variableAttributes.has(name)) written.push([name, value]);
  }
  const opacity = own.opacity;
  if (opacity !== undefined && opacity !== '' && opacity !== '1') written.push(['opacity', opacity]);
  return written;
}

/** The values of `element`'s computed style that declarationsToWrite reads. */
function valuesOf(element: Element): StyleValues {
  const style = getComputedStyle(element);
  return Object.fromEntries([...INHERITED_SVG_PROPERTIES, 'opacity'].map((name) => [name, style.getPropertyValue(name)]));
}

/** The attributes of `element` that name a CSS variable (`stroke="var(--point)"`). */
function variableAttributesOf(element: Element): Set<string> {
  return new Set([...element.attributes].filter((attribute) => attribute.value.includes('var(')).map((attribute) => attribute.name));
}

/** Writes the page's resolved styles onto `copy`, a deep copy of `live` (the same elements in the same order), through the CSSOM. */
function resolveSvgStyles(live: SVGSVGElement, copy: SVGSVGElement): void {
  const liveElements = [live, ...live.querySelectorAll('*')];
  const copiedElements = [copy, ...copy.querySelectorAll('*')];
  const values = new Map<Element, StyleValues>();
  liveElements.forEach((element, index) => {
    const own = valuesOf(element);
    values.set(element, own);
    const parent = element === live || element.parentElement === null ? null : (values.get(element.parentElement) ?? null);
    const copied = copiedElements[index];
    if (!(copied instanceof SVGElement)) return;
    for (const [name, value] of declarationsToWrite(own, parent, variableAttributesOf(element))) copied.style.setProperty(name, value);
  });
}

/** The markup inside an <svg> as XMLSerializer writes it (as html-to-image's copy holds it), or null for an empty one. */
export function innerMarkup(serialized: string): string | null {
  const end = serialized.lastIndexOf('</svg>');
  return end < 0 ? null : serialized.slice(serialized.indexOf('>') + 1, end);
}

/**
 * A drawing's markup as the page has it, and with its CSS resolved. The copy
 * is made and styled detached, through the CSSOM: parsing markup that holds
 * style attributes (DOMParser) is what the page's policy refuses.
 */
export function resolvedDrawing(live: SVGSVGElement): { markup: string; resolved: string } | null {
  const copy = live.cloneNode(true);
  if (!(copy instanceof SVGSVGElement)) return null;
  resolveSvgStyles(live, copy);
  const serializer = new XMLSerializer();
  const markup = innerMarkup(serializer.serializeToString(live));
  const resolved = innerMarkup(serializer.serializeToString(copy));
  return markup === null || resolved === null ? null : { markup, resolved };
}

/** `text` with each `markup` in turn (in order, each after the last) replaced by its `resolved`; one not found is left as it is. */
export function replacedInOrder(text: string, drawings: readonly { markup: string; resolved: string }[]): string {
  let result = text;
  let from = 0;
  for (const { markup, resolved } of drawings) {
    const at = result.indexOf(markup, from);
    if (at < 0 || markup === '') continue;
    result = result.slice(0, at) + resolved + result.slice(at + markup.length);
    from = at + resolved.length;
  }
  return result;
}
