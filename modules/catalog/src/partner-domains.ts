/**
 * The domains a partner owns: where the extension recognises the shop and where a deep target
 * (`/go/:slug?to=`) may lead. Stored as lower-case ASCII (an IDN is kept in its punycode form), so a
 * look-alike host written with Cyrillic letters never equals a Latin domain.
 */
export interface PartnerDomain {
  readonly domain: string;
  /** Whether `m.shop.kz`, `www.shop.kz`… belong to the partner too. */
  readonly includeSubdomains: boolean;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** The canonical form of a domain, or undefined when it is not a plain public host name. */
export function normalizeDomain(input: string): string | undefined {
  const trimmed = input.trim().toLowerCase().replace(/\.$/, '');
  if (trimmed === '' || /[/\\:@?#\s]/.test(trimmed)) return undefined;
  let ascii: string;
  try {
    ascii = new URL(`http://${trimmed}`).hostname;
  } catch {
    return undefined;
  }
  const labels = ascii.split('.');
  if (labels.length < 2 || ascii.length > 253) return undefined;
  if (!labels.every((label) => LABEL.test(label))) return undefined;
  // The last label is a TLD: never all digits, which also rules out IPv4 addresses.
  if (/^\d+$/.test(labels.at(-1) ?? '')) return undefined;
  return ascii;
}

/** True when the (already URL-parsed, so ASCII) host is one of the partner's domains. */
export function hostBelongsTo(host: string, domains: readonly PartnerDomain[]): boolean {
  const lower = host.toLowerCase();
  return domains.some(
    (entry) => lower === entry.domain || (entry.includeSubdomains && lower.endsWith(`.${entry.domain}`)),
  );
}
