/**
 * Spreadsheets in and out: the rows of a CSV file or of an XLSX file's first sheet as text by
 * column name (a formula is never evaluated: its cell reads as a problem), and an XLSX written from
 * columns and rows, with the values a column accepts listed on a second sheet.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { badRequest } from '../errors.js';

/** A row read: its line in the file (the header is line 1), its cells by column, and the columns that held a formula. */
export type SheetRow = { line: number; cells: Record<string, string>; formulas: string[] };

const unreadable = (filename: string, message: string) =>
  badRequest(`${filename}: ${message}`, { fields: [{ field: 'file', message }] });

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  return String(v).trim();
}
const isFormula = (v: ExcelJS.CellValue) =>
  typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The rows of a CSV or XLSX file (an XLSX file is told by its content, not its name). */
export async function readSheet(bytes: Buffer, filename: string): Promise<SheetRow[]> {
  // An encrypted XLSX and an old Excel file (.xls) are both OLE compound files.
  if (bytes.subarray(0, 8).equals(OLE))
    throw unreadable(
      filename,
      'an encrypted workbook or an old Excel file (.xls): save it as an unencrypted XLSX or as CSV',
    );
  if (bytes.subarray(0, 2).toString() === 'PK') {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw unreadable(filename, 'not a readable XLSX file');
    }
    const sheet = book.worksheets[0];
    if (!sheet) return [];
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
    const out: SheetRow[] = [];
    sheet.eachRow((row, line) => {
      if (line === 1) return;
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      const cells = Object.fromEntries(
        header.map((h, i) => [h, isFormula(values[i]) ? '' : cellText(values[i])]),
      );
      if (Object.values(cells).every((c) => c === '') && !values.some(isFormula)) return;
      out.push({ line, cells, formulas: header.filter((_, i) => isFormula(values[i])) });
    });
    return out;
  }
  if (bytes.subarray(0, 4096).includes(0)) throw unreadable(filename, 'not a CSV or XLSX file');
  try {
    const records: Record<string, string>[] = parse(bytes, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: true,
    });
    return records.map((cells, i) => ({ line: i + 2, cells, formulas: [] }));
  } catch (err) {
    throw unreadable(filename, (err as Error).message);
  }
}

/** A column of a sheet written: its header (the name the importer reads) and, if closed, the values it accepts. */
export type SheetColumn = { name: string; width?: number; accepts?: string[] };

/** An XLSX file: the columns and rows on the first sheet, and each closed column's accepted values on a second sheet. */
export async function writeSheet(
  title: string,
  columns: SheetColumn[],
  rows: (string | number | null)[][],
  listsTitle: string,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(title.slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: c.name, key: c.name, width: c.width ?? 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r); // text is written as text: a spreadsheet never reads it as a formula
  const closed = columns.filter((c) => c.accepts?.length);
  if (closed.length) {
    const lists = book.addWorksheet(listsTitle.slice(0, 31));
    lists.columns = closed.map((c) => ({ header: c.name, key: c.name, width: 28 }));
    lists.getRow(1).font = { bold: true };
    const longest = Math.max(...closed.map((c) => c.accepts!.length));
    for (let i = 0; i < longest; i++) lists.addRow(closed.map((c) => c.accepts![i] ?? null));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
