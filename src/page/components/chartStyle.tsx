import type { CSSProperties } from 'react';

const ink: CSSProperties = { color: 'var(--ink)' };

/**
 * The tooltip in the page's colours: Recharts' default is a white box, which
 * in the dark scheme held light text (1.10:1), and its items take each line's
 * colour (the light blue band read 2.54:1 on white).
 */
export const TOOLTIP_STYLE = {
  contentStyle: { background: 'var(--paper)', border: '2px solid var(--ink)', borderRadius: '0.4rem', ...ink },
  labelStyle: { ...ink, fontWeight: 700 },
  itemStyle: ink,
} as const;

/** A legend entry's text in the ink colour (Recharts colours it like its line, too faint for the light band); the icon keeps the colour. */
export const legendText = (value: unknown) => <span className="legend-text">{String(value)}</span>;

/**
 * The reference line at the reported cores and the fitted model's line: told apart by colour and by
 * pattern (dashes and dots for the cores, round dots for the model), so neither is read for the other.
 */
export const CORES_LINE = { stroke: 'var(--accent)', strokeDasharray: '10 4 2 4', strokeWidth: 2 } as const;
export const MODEL_LINE = { stroke: 'var(--model)', strokeDasharray: '0.1 6', strokeLinecap: 'round', strokeWidth: 3 } as const;
