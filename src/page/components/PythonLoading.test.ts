import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PythonLoading } from './PythonLoading';

const render = (load: Parameters<typeof PythonLoading>[0]['load']) => renderToStaticMarkup(createElement(PythonLoading, { load }));

describe('PythonLoading', () => {
  it('shows nothing before Python is chosen, after a failed load, or when it was ready without a load to show', () => {
    expect(render({ phase: 'idle' })).toBe('');
    expect(render({ phase: 'failed', sentence: 'Python could not be loaded.' })).toBe('');
    expect(render({ phase: 'ready', totalBytes: 0 })).toBe('');
  });

  it('shows the bytes loaded of the total on the bar and in words while loading', () => {
    const markup = render({ phase: 'loading', loadedBytes: 4_100_000, totalBytes: 12_400_000 });
    expect(markup).toContain('aria-label="Loading Python"');
    expect(markup).toMatch(/<progress[^>]* max="12400000"[^>]* value="4100000"/);
    expect(markup).toContain('Loading Python: 4.1 of 12.4 MB');
  });

  it('is an indeterminate bar before the sizes are known, and a full one once ready', () => {
    expect(render({ phase: 'loading', loadedBytes: 0, totalBytes: 0 })).not.toMatch(/ value=/);
    const ready = render({ phase: 'ready', totalBytes: 12_400_000 });
    expect(ready).toMatch(/<progress[^>]* max="12400000"[^>]* value="12400000"/);
    expect(ready).toContain('Python loaded: 12.4 of 12.4 MB.');
  });
});
