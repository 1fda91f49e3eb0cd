import { BlockList, isIP } from 'node:net';
import { getAsset, type FieldError } from '@sauda/platform';
import type { NetworkKind, ParameterMapping, ReportedState, StatusMapping } from './conversions.tables.ts';

/**
 * Our own report format ("Sauda spec"): the sandbox network and any network that signs its
 * postbacks send these names, and polled actions are stored under them whatever the network's API
 * calls them.
 */
export const SPEC_MAPPING: ParameterMapping = {
  clickId: 'click_id',
  actionId: 'action_id',
  orderId: 'order_id',
  commission: 'payment_sum',
  orderAmount: 'order_sum',
  currency: 'currency',
  status: 'status',
  ip: 'action_ip',
  userAgent: 'user_agent',
  occurredAt: 'action_date',
  statusUpdatedAt: 'status_updated',
  secret: 'secret',
};

/** Admitad's postback macros carry the click id as `subid`. */
const ADMITAD_MAPPING: ParameterMapping = { ...SPEC_MAPPING, clickId: 'subid' };

/** Retailers without a network (pixel and `POST /v1/conversions`): the order id is the action id. */
export const DIRECT_MAPPING: ParameterMapping = {
  clickId: 'click_id',
  actionId: 'order_id',
  orderId: 'order_id',
  commission: 'commission',
  orderAmount: 'order_amount',
  currency: 'currency',
  status: 'status',
  ip: 'ip',
  userAgent: 'user_agent',
  occurredAt: 'occurred_at',
  statusUpdatedAt: 'status_updated_at',
  secret: 'secret',
};

export const DEFAULT_STATUS_MAPPING: StatusMapping = {
  pending: 'pending',
  approved: 'approved',
  // Admitad: approved by the shop, payment to the network still outstanding; approved for us.
  approved_but_stalled: 'approved',
  declined: 'declined',
  rejected: 'declined',
  paid: 'paid',
};

const DIRECT_STATUS_MAPPING: StatusMapping = {
  pending: 'pending',
  approved: 'approved',
  declined: 'declined',
};

export function defaultMappingOf(kind: NetworkKind): ParameterMapping {
  if (kind === 'admitad') return ADMITAD_MAPPING;
  if (kind === 'direct') return DIRECT_MAPPING;
  return SPEC_MAPPING;
}

export const defaultStatusMappingOf = (kind: NetworkKind): StatusMapping =>
  kind === 'direct' ? DIRECT_STATUS_MAPPING : DEFAULT_STATUS_MAPPING;

/** Networks that cannot sign put the secret into the URL; the others must sign every report. */
export const acceptsUrlSecret = (kind: NetworkKind): boolean => kind === 'admitad' || kind === 's2s';

export const REPORTED_STATES: readonly ReportedState[] = ['pending', 'approved', 'declined', 'paid'];
const PARAMETER_NAME = /^[A-Za-z0-9_.[\]-]{1,64}$/;
const STATUS_WORD = /^[a-z0-9_ .-]{1,64}$/;

/** Currencies a network may report: fiat assets the platform knows. */
export function isReportCurrency(code: string): boolean {
  try {
    return getAsset(code).iso4217 !== undefined;
  } catch {
    return false;
  }
}

export function mappingProblems(mapping: ParameterMapping, path: string): FieldError[] {
  return Object.entries(mapping).flatMap(([field, name]) =>
    typeof name === 'string' && PARAMETER_NAME.test(name)
      ? []
      : [{ path: `${path}/${field}`, message: 'a parameter name: letters, digits, _ . - [ ]' }],
  );
}

export function statusMappingProblems(mapping: Record<string, string>, path: string): FieldError[] {
  const entries = Object.entries(mapping);
  if (entries.length === 0 || entries.length > 50) return [{ path, message: 'between 1 and 50 statuses' }];
  return entries.flatMap(([word, state]) => {
    if (!STATUS_WORD.test(word) || word !== word.toLowerCase())
      return [{ path: `${path}/${word}`, message: 'a status in lower case' }];
    if (!(REPORTED_STATES as readonly string[]).includes(state))
      return [{ path: `${path}/${word}`, message: 'pending, approved, declined or paid' }];
    return [];
  });
}

/** An IP address or a CIDR block (`203.0.113.0/24`, `2001:db8::/32`). */
export function parseAddressRule(
  rule: string,
): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText, extra] = rule.split('/');
  if (extra !== undefined) return undefined;
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** The allow-list as a BlockList (an empty list allows everyone, which the caller checks first). */
export function addressList(rules: readonly string[]): BlockList {
  const list = new BlockList();
  for (const rule of rules) {
    const parsed = parseAddressRule(rule);
    if (parsed) list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return list;
}

export function isAllowedAddress(list: BlockList, ip: string | undefined): boolean {
  if (!ip) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = mapped ?? ip;
  const version = isIP(address);
  if (version === 0) return false;
  return list.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

/** `https://shop.kz` exactly as a browser sends it in `Origin`. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}
