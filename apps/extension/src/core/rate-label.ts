import type { FeedPartner } from './partner-feed.ts';
import type { Locale } from './messages.ts';

const CURRENCY_SIGNS: Record<string, string> = { KZT: '₸', USD: '$', EUR: '€', RUB: '₽' };

/** Fixed rewards come in minor units (tiyn); two decimals for every currency the catalog allows. */
function majorUnits(minor: string): string {
  const value = minor.split('.')[0] ?? '0';
  const padded = value.padStart(3, '0');
  const whole = padded.slice(0, -2).replace(/^0+(?=\d)/, '');
  const cents = padded.slice(-2);
  return cents === '00' ? whole : `${whole}.${cents}`;
}

const trimDecimal = (value: string): string => (value.includes('.') ? value.replace(/\.?0+$/, '') : value);

/** The rate as the popup shows it: "5.5%" or "750 ₸". */
export function rateText(reward: FeedPartner['reward'], locale: Locale): string {
  if (reward.kind === 'percent') {
    const number = trimDecimal(reward.userRate);
    return `${locale === 'en' ? number : number.replace('.', ',')}%`;
  }
  const sign = CURRENCY_SIGNS[reward.currency] ?? reward.currency;
  const amount = majorUnits(reward.userRate);
  return `${locale === 'en' ? amount : amount.replace('.', ',')} ${sign}`;
}

/** The rate squeezed into the four characters a toolbar badge shows. */
export function badgeRate(reward: FeedPartner['reward']): string {
  if (reward.kind === 'percent') {
    const number = trimDecimal(reward.userRate);
    const short = number.length > 3 ? String(Math.round(Number(number))) : number;
    return `${short}%`;
  }
  const amount = majorUnits(reward.userRate).split('.')[0] ?? '';
  const sign = CURRENCY_SIGNS[reward.currency] ?? '';
  return amount.length + sign.length <= 4 ? `${amount}${sign}` : sign || '+';
}
