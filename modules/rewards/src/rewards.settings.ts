import { getAsset } from '@sauda/platform';

/** Tax statuses of an influencer; each has its own withholding rate. */
export const TAX_STATUSES = ['individual', 'self_employed', 'individual_entrepreneur'] as const;
export type TaxStatus = (typeof TAX_STATUSES)[number];

/** Policy knobs of the rewards module, handed in by the composition root. */
export interface RewardsSettings {
  /** The asset loyalty rewards are paid in; registered with the ledger on first use. */
  readonly rewardAsset: { readonly code: string; readonly decimals: number };
  /** The platform's fee on a CPA commission, in basis points of the gross (2000 = 20 %). */
  readonly cpaFeeBasisPoints: number;
  /** Tax withheld from a CPA commission after the fee, in basis points, by the influencer's tax status. */
  readonly taxBasisPoints: Readonly<Record<TaxStatus, number>>;
  /** Tax status of an influencer who has not set one. */
  readonly defaultTaxStatus: TaxStatus;
  /** The currency balances are also shown in ("the tenge equivalent"). */
  readonly displayCurrency: string;
  /** Rewards handled per run of the release and retry jobs. */
  readonly batchSize: number;
}

export const DEFAULT_REWARDS_SETTINGS: RewardsSettings = {
  rewardAsset: { code: 'USDT', decimals: 6 },
  cpaFeeBasisPoints: 2000,
  taxBasisPoints: { individual: 1000, self_employed: 1000, individual_entrepreneur: 1000 },
  defaultTaxStatus: 'individual',
  displayCurrency: 'KZT',
  batchSize: 200,
};

/** Refuses settings that would corrupt amounts, at start-up rather than on the first conversion. */
export function checkSettings(settings: RewardsSettings): RewardsSettings {
  const basisPoints = [settings.cpaFeeBasisPoints, ...Object.values(settings.taxBasisPoints)];
  if (basisPoints.some((value) => !Number.isInteger(value) || value < 0 || value > 10_000))
    throw new Error('rewards: fee and tax rates must be whole basis points from 0 to 10000');
  const { code, decimals } = settings.rewardAsset;
  if (!/^[A-Z][A-Z0-9]{1,11}$/.test(code) || !Number.isInteger(decimals) || decimals < 0 || decimals > 18)
    throw new Error(`rewards: reward asset ${code}/${String(decimals)} is not valid`);
  // Throws for a display currency nobody registered: better at start-up than on the first balance.
  getAsset(settings.displayCurrency);
  if (!Number.isInteger(settings.batchSize) || settings.batchSize < 1)
    throw new Error('rewards: batchSize must be a positive integer');
  return Object.freeze({ ...settings });
}
