import type { AppLoadContext } from 'react-router';
import { callApi } from '../api/api.server.ts';
import { formatMoney } from '../catalog/catalog.server.ts';
import { formatDateTime } from '../format.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Balances, Reward } from './rewards-api.ts';

/** A reward as a row of the operations list, in the page's language. */
export interface OperationView {
  readonly id: string;
  readonly status: Reward['status'];
  readonly partner: string;
  readonly amount: string;
  readonly occurredAt: string;
  readonly availableAfter: string | null;
}

export function toOperationView(reward: Reward, locale: Locale): OperationView {
  return {
    id: reward.id,
    status: reward.status,
    partner: reward.partner.name ?? reward.partner.id,
    amount: formatMoney(reward.amount.amount, reward.amount.asset, locale),
    occurredAt: formatDateTime(reward.occurredAt, locale),
    availableAfter: reward.availableAfter ? formatDateTime(reward.availableAfter, locale) : null,
  };
}

export interface BalanceView {
  readonly pending: string;
  readonly available: string;
  readonly pendingTenge: string | null;
  readonly availableTenge: string | null;
}

/** The balance card's numbers, or null while the rewards API is not there (a deployment without it). */
export async function loadBalance(context: AppLoadContext, locale: Locale): Promise<BalanceView | null> {
  const result = await callApi<Balances>(context, locale, 'GET', '/v1/rewards/balance');
  if (!result.ok) return null;
  const { rewards } = result.data;
  const equivalent = rewards.equivalent;
  return {
    pending: formatMoney(rewards.pending, rewards.asset, locale),
    available: formatMoney(rewards.available, rewards.asset, locale),
    pendingTenge: equivalent ? formatMoney(equivalent.pending, equivalent.currency, locale) : null,
    availableTenge: equivalent ? formatMoney(equivalent.available, equivalent.currency, locale) : null,
  };
}
