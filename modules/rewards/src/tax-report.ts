import { stringify } from 'csv-stringify/sync';
import { Money, translate, type Locale, type Localized } from '@sauda/platform';
import type { RewardsActor, RewardsContext } from './rewards.context.ts';
import { taxTotals } from './rewards.repository.ts';

/**
 * The tax agent's monthly report: per IIN and currency, the income paid out in the period (the
 * commission after the platform fee), the tax withheld from it and the net paid. Built from the tax
 * entries written when commissions became available and from their later corrections, so refunds
 * lower the period they happen in. IINs come decrypted from KYC; every export is audited.
 */

export interface TaxReportRow {
  /** Null when the influencer has no standing KYC verification: staff must resolve it before filing. */
  readonly iin: string | null;
  readonly userId: string;
  readonly taxStatus: string;
  readonly currency: string;
  /** Income before tax (gross of the report), in minor units. */
  readonly gross: string;
  readonly withheld: string;
  readonly net: string;
  readonly entries: number;
}

export interface TaxReport {
  readonly period: string;
  readonly rows: TaxReportRow[];
  readonly totals: {
    readonly currency: string;
    readonly gross: string;
    readonly withheld: string;
    readonly net: string;
  }[];
}

const COLUMNS: Record<keyof TaxReportRow | 'period', Localized> = {
  period: { ru: 'Период', kk: 'Кезең', en: 'Period' },
  iin: { ru: 'ИИН', kk: 'ЖСН', en: 'IIN' },
  userId: { ru: 'Пользователь', kk: 'Пайдаланушы', en: 'User' },
  taxStatus: { ru: 'Налоговый статус', kk: 'Салық мәртебесі', en: 'Tax status' },
  currency: { ru: 'Валюта', kk: 'Валюта', en: 'Currency' },
  gross: { ru: 'Доход до налога', kk: 'Салыққа дейінгі табыс', en: 'Gross income' },
  withheld: { ru: 'Удержано налога', kk: 'Ұсталған салық', en: 'Tax withheld' },
  net: { ru: 'Выплачено', kk: 'Төленді', en: 'Net paid' },
  entries: { ru: 'Операций', kk: 'Операциялар', en: 'Entries' },
};

const STATUS_TEXTS: Record<string, Localized> = {
  individual: { ru: 'Физическое лицо', kk: 'Жеке тұлға', en: 'Individual' },
  self_employed: { ru: 'Самозанятый', kk: 'Өзін-өзі жұмыспен қамтыған', en: 'Self-employed' },
  individual_entrepreneur: {
    ru: 'Индивидуальный предприниматель',
    kk: 'Жеке кәсіпкер',
    en: 'Individual entrepreneur',
  },
};

function byIin(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

export async function buildTaxReport(
  ctx: RewardsContext,
  actor: RewardsActor,
  period: string,
): Promise<TaxReport> {
  const totalsByUser = await taxTotals(ctx.db, period);
  const userIds = [...new Set(totalsByUser.map((row) => row.userId))];
  const iins = await ctx.kyc.verifiedIins(userIds);
  const rows: TaxReportRow[] = totalsByUser
    .map((row) => ({
      iin: iins.get(row.userId) ?? null,
      userId: row.userId,
      taxStatus: row.taxStatus ?? ctx.settings.defaultTaxStatus,
      currency: row.currency,
      gross: row.income,
      withheld: row.withheld,
      net: row.net,
      entries: row.entries,
    }))
    // By IIN, and the rows still missing one last, where staff see what to resolve before filing.
    .sort(
      (a, b) =>
        byIin(a.iin, b.iin) || a.userId.localeCompare(b.userId) || a.currency.localeCompare(b.currency),
    );
  const totals = new Map<string, { gross: bigint; withheld: bigint; net: bigint }>();
  for (const row of rows) {
    const total = totals.get(row.currency) ?? { gross: 0n, withheld: 0n, net: 0n };
    totals.set(row.currency, {
      gross: total.gross + BigInt(row.gross),
      withheld: total.withheld + BigInt(row.withheld),
      net: total.net + BigInt(row.net),
    });
  }
  await ctx.audit.record(ctx.db, {
    actor: actor.id,
    action: 'rewards.tax-report-exported',
    entityType: 'tax-report',
    entityId: period,
    after: { period, rows: rows.length, withoutIin: rows.filter((row) => row.iin === null).length },
    context: actor.context,
  });
  return {
    period,
    rows,
    totals: [...totals].map(([currency, total]) => ({
      currency,
      gross: total.gross.toString(),
      withheld: total.withheld.toString(),
      net: total.net.toString(),
    })),
  };
}

/** CSV with a byte-order mark, so spreadsheet programs read the Cyrillic headings as UTF-8. */
export function taxReportCsv(report: TaxReport, locale: Locale): Buffer {
  const decimal = (amount: string, currency: string): string =>
    Money.of(BigInt(amount), currency).toDecimalString();
  const columns = Object.entries(COLUMNS).map(([key, header]) => ({
    key,
    header: translate(header, locale),
  }));
  const records = report.rows.map((row) => ({
    period: report.period,
    iin: row.iin ?? '',
    userId: row.userId,
    taxStatus: translate(
      STATUS_TEXTS[row.taxStatus] ?? { ru: row.taxStatus, kk: row.taxStatus, en: row.taxStatus },
      locale,
    ),
    currency: row.currency,
    gross: decimal(row.gross, row.currency),
    withheld: decimal(row.withheld, row.currency),
    net: decimal(row.net, row.currency),
    entries: row.entries,
  }));
  return Buffer.from(stringify(records, { header: true, columns, bom: true }), 'utf8');
}
