import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheet } from './sheet.js';

describe('reading a spreadsheet', () => {
  it('reads CSV and XLSX alike, a formula named and never evaluated', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('rows');
    sheet.addRow(['country', 'count']);
    sheet.addRow(['Kenya', { formula: '1+1', result: 2 }]);
    const rows = await readSheet(Buffer.from(await book.xlsx.writeBuffer()), 'a.xlsx');
    expect(rows).toEqual([{ line: 2, cells: { country: 'Kenya', count: '' }, formulas: ['count'] }]);
    expect(await readSheet(Buffer.from('\uFEFFcountry,count\nKenya,2\n'), 'a.csv')).toEqual([
      { line: 2, cells: { country: 'Kenya', count: '2' }, formulas: [] },
    ]);
  });

  it('names an encrypted or old Excel file, a binary file and a broken CSV', async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    await expect(readSheet(ole, 'secret.xlsx')).rejects.toThrow(
      'secret.xlsx: an encrypted workbook or an old Excel file (.xls): save it as an unencrypted XLSX or as CSV',
    );
    await expect(readSheet(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'photo.csv')).rejects.toThrow(
      'photo.csv: not a CSV or XLSX file',
    );
    await expect(readSheet(Buffer.from('PK\u0003\u0004broken'), 'b.xlsx')).rejects.toThrow(
      'b.xlsx: not a readable XLSX file',
    );
    await expect(readSheet(Buffer.from('a,b\n"unclosed'), 'c.csv')).rejects.toThrow(/^c\.csv: /);
  });
});
