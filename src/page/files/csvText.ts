/** A table as the CSV export has it: one header, then rows of plain values. */
export interface CsvTable {
  fields: string[];
  data: (string | number | boolean | null)[][];
}

/**
 * A byte-order mark first: Excel on Windows reads a CSV without one in the
 * system's code page, and a label's "é" or a browser's "’" comes out garbled.
 */
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * The table as CSV text, through papaparse (loaded on first use): quoted where
 * needed, CRLF line ends, and a cell that a spreadsheet would run as a formula
 * (=, +, -, @ first) escaped with a leading quote, since labels come from people.
 */
export async function csvText(table: CsvTable): Promise<string> {
  const { unparse } = (await import('papaparse')).default;
  return BYTE_ORDER_MARK + unparse({ fields: table.fields, data: table.data }, { escapeFormulae: true, newline: '\r\n' });
}
