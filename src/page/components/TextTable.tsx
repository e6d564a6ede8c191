import type { ReactNode } from 'react';

interface TextTableProps<Row> {
  /** The table's accessible name, shown as its caption. */
  caption: string;
  className: string;
  headers: readonly string[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  cells: (row: Row) => readonly ReactNode[];
  rowClass?: (row: Row) => string;
  /** A class for one cell, by its column. */
  cellClass?: (row: Row, column: number) => string | undefined;
  /** What an empty table says in its single row. */
  empty?: string;
  /**
   * Names the box that scrolls a wide table sideways (on a narrow screen or a
   * projector at low resolution): a region the keyboard can reach and scroll
   * with the arrow keys. Without it the table stands alone.
   */
  scrollLabel?: string;
  /** The id of what describes the table (notes under it), for screen readers. */
  describedBy?: string;
}

/** A captioned table of rows already turned into text by a pure module. */
export function TextTable<Row>({ caption, className, headers, rows, rowKey, cells, rowClass, cellClass, empty, scrollLabel, describedBy }: TextTableProps<Row>) {
  const table = (
    <table className={className} aria-describedby={describedBy}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {headers.map((header) => (
            <th key={header} scope="col">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && empty !== undefined ? (
          <tr>
            <td colSpan={headers.length} className="empty">
              {empty}
            </td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={rowKey(row)} className={rowClass?.(row)}>
              {cells(row).map((cell, column) => (
                <td key={headers[column]} className={cellClass?.(row, column)}>
                  {cell}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
  if (scrollLabel === undefined) return table;
  return (
    <div className="table-scroll" role="region" aria-label={scrollLabel} tabIndex={0}>
      {table}
    </div>
  );
}
