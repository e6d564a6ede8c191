import { createElement, lazy, useEffect, type ComponentType } from 'react';

/** One promise a part whose load has begun: settled once it has first rendered (its first commit) or its load failed. */
const partsBegun: Promise<void>[] = [];

/**
 * React's `lazy` for a part that loads after the first screen (Recharts, highlight.js), kept so
 * that the calibration can wait until the parts begun have rendered once (`lazyPartsDrawn`; a chart
 * sizes itself in a render after that, which the calm frames after it wait for): on the 2-core
 * VM, once loaded, their first renders took React tasks of 180–370 ms of the page's thread, beside
 * the calibration's counting.
 */
export function lazyPart<Props extends object>(load: () => Promise<{ default: ComponentType<Props> }>) {
  return lazy(async () => {
    let markDrawn: () => void = () => undefined;
    const drawn = new Promise<void>((resolve) => (markDrawn = resolve));
    const loading = load();
    partsBegun.push(
      loading.then(
        () => drawn,
        // A failed load throws to the page's error boundary: nothing of it is left to wait for.
        () => undefined,
      ),
    );
    const { default: Part } = await loading;
    function FirstDrawn(props: Props) {
      useEffect(markDrawn, []);
      return createElement(Part, props);
    }
    FirstDrawn.displayName = Part.displayName ?? (Part.name || 'LazyPart');
    return { default: FirstDrawn };
  });
}

/** Settles once every part whose load has begun has rendered once (its first commit), or failed to load. */
export function lazyPartsDrawn(): Promise<void> {
  return Promise.all(partsBegun).then(() => undefined);
}
