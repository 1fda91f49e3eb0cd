import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { journalCsv } from './journal-csv.ts';
import { journalPdf, PDF_FONT, PDF_FONT_BOLD } from './journal-pdf.ts';
import type { JournalEntry } from './kyc-journal.ts';

const entries: JournalEntry[] = Array.from({ length: 120 }, (_, i) => ({
  seq: i + 1,
  id: `kjr_${String(i).padStart(26, '0')}`,
  occurredAt: new Date(Date.UTC(2026, 0, 15, 19, 30, i)),
  actor: i % 3 === 0 ? 'provider:aggregator-flow' : 'usr_01jh0000000000000000000000',
  operation: i % 2 === 0 ? 'result-received' : 'document-uploaded',
  caseId: 'kyc_01jh0000000000000000000001',
  userId: 'usr_01jh0000000000000000000000',
  maskedIin: '900101******',
  fromStatus: 'state_check',
  toStatus: i % 2 === 0 ? 'verified' : 'state_check',
  result: 'approved by webhook',
  reason: i % 5 === 0 ? 'face_mismatch' : null,
  providerReference: 'flw_5c1f2a9e-4d5b-4c1e-9d7a-000000000000',
  hash: 'a'.repeat(64),
}));

describe('journal exports', () => {
  it('embeds fonts that have every Kazakh letter', () => {
    for (const path of [PDF_FONT, PDF_FONT_BOLD]) {
      const font = fontkit.openSync(path) as fontkit.Font;
      for (const letter of 'ӘәҒғҚқҢңӨөҰұҮүҺһІіЁёЙй№₸')
        expect(font.hasGlyphForCodePoint(letter.codePointAt(0)!), `${path}: ${letter}`).toBe(true);
    }
  });

  it('writes CSV with localized headings, Almaty times and a byte-order mark', () => {
    const csv = journalCsv(entries.slice(0, 2), 'kk').toString('utf8');
    expect(
      csv.startsWith(
        '\uFEFF№,Уақыты (Алматы),Кім,Операция,Тексеру,Пайдаланушы,ЖСН (маска),Мәртебе,Нәтиже,Себеп',
      ),
    ).toBe(true);
    const [, first] = csv.split('\n');
    expect(first).toBe(
      '1,2026-01-16 00:30:00,provider:aggregator-flow,result-received,kyc_01jh0000000000000000000001,' +
        'usr_01jh0000000000000000000000,900101******,state_check → verified,approved by webhook,face_mismatch,' +
        `flw_5c1f2a9e-4d5b-4c1e-9d7a-000000000000,${'a'.repeat(64)}`,
    );
    expect(journalCsv([], 'en').toString('utf8').trimEnd()).toBe(
      '\uFEFFNo.,Time (Almaty),Actor,Operation,Case,User,IIN (masked),Status,Result,Reason,Provider reference,Entry hash',
    );
  });

  it.each(['ru', 'kk', 'en'] as const)(
    'draws a paged PDF in %s with the DejaVu font embedded',
    async (locale) => {
      const pdf = await journalPdf({
        entries,
        from: '2026-01-01',
        to: '2026-01-31',
        generatedAt: new Date('2026-02-01T04:00:00Z'),
        generatedBy: 'usr_officer',
        chain: { ok: true, count: 120, head: 'b'.repeat(64) },
        locale,
      });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdf.toString('latin1');
      expect(text).toMatch(/DejaVuSans/);
      expect((text.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(1);
      // With poppler installed, check the extracted text too (headings in the requested language).
      if (existsSync('/usr/bin/pdftotext')) {
        const file = join(mkdtempSync(join(tmpdir(), 'kyc-pdf-')), 'journal.pdf');
        writeFileSync(file, pdf);
        execFileSync('/usr/bin/pdftotext', ['-layout', file, `${file}.txt`]);
        const extracted = readFileSync(`${file}.txt`, 'utf8');
        const title = {
          ru: 'Журнал KYC-операций',
          kk: 'KYC операцияларының журналы',
          en: 'KYC operations journal',
        }[locale];
        expect(extracted).toContain(title);
        expect(extracted).toContain('900101******');
      }
    },
  );

  it('says so when the period is empty and when the chain is broken', async () => {
    const pdf = await journalPdf({
      entries: [],
      from: '2026-01-01',
      to: '2026-01-01',
      generatedAt: new Date(),
      generatedBy: 'cli:kyc-journal-export',
      chain: { ok: false, count: 4, brokenAt: 5 },
      locale: 'ru',
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
