import { describe, expect, it } from 'vitest';
import { parsePaidMonths, readImportFile } from './import-file.ts';

describe('reading import files', () => {
  it('reads UTF-8 CSV with a BOM, semicolons, English headers and blank lines', async () => {
    const csv = '\uFEFFFull name;Phone;City;Paid months\r\nЭльчин;+77015550001;Алматы;2026-01\r\n;;;\r\n';
    const { format, lines } = await readImportFile(Buffer.from(csv));
    expect(format).toBe('csv');
    expect(lines).toEqual([
      { row: 2, fullName: 'Эльчин', phone: '+77015550001', email: '', city: 'Алматы', paidMonths: '2026-01' },
    ]);
  });

  it('refuses what it cannot read', async () => {
    await expect(readImportFile(Buffer.alloc(0))).rejects.toThrow('empty');
    await expect(readImportFile(Buffer.from([0xff, 0xfe, 0x00, 0x41]))).rejects.toThrow('UTF-8');
    await expect(readImportFile(Buffer.from('ФИО,телефон\n"unclosed,1\n'))).rejects.toThrow('CSV syntax');
    await expect(readImportFile(Buffer.from('name only\nx\n'))).rejects.toThrow('ФИО and телефон');
  });

  it('understands the ways people write months', () => {
    expect(parsePaidMonths('2026-02, 01.2026; 1/2026 2026-02')).toEqual(['2026-01', '2026-02']);
    expect(parsePaidMonths('')).toEqual([]);
    expect(parsePaidMonths('январь')).toBeUndefined();
    expect(parsePaidMonths('2026-13')).toBeUndefined();
  });
});
