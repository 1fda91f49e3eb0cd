import { AppError, LOCALES, type FieldError, type Localized } from '@sauda/platform';
import { CatalogErrors } from './catalog.errors.ts';
import type { AppLinks } from './catalog.tables.ts';
import { hostBelongsTo, normalizeDomain, type PartnerDomain } from './partner-domains.ts';
import { rewardProblems, type RewardTerms } from './reward-terms.ts';
import { sanitizeMarkdown } from './sanitize-markdown.ts';
import { appLinkTemplateProblem, trackingTemplateProblem } from './tracking-template.ts';

/** Everything staff give when they create a partner (updates give any subset of it). */
export interface PartnerInput {
  readonly slug: string;
  readonly name: Localized;
  readonly shortDescription: Localized;
  readonly description: Localized;
  readonly conditions: Localized;
  readonly website: string;
  readonly domains: readonly PartnerDomain[];
  readonly categories: readonly string[];
  readonly reward: RewardTerms;
  readonly network: string;
  readonly trackingUrlTemplate: string;
  readonly appLinks: AppLinks | null;
  readonly interstitial: boolean;
  readonly featured: boolean;
  readonly sortWeight: number;
}

export type PartnerPatch = Partial<PartnerInput>;

const mapLocalized = (text: Localized, map: (value: string) => string): Localized =>
  Object.fromEntries(LOCALES.map((locale) => [locale, map(text[locale])])) as Localized;

/**
 * Checks what the schema cannot (URLs, domains, templates, reward bounds) and returns the input in
 * stored form: Markdown sanitized, names trimmed, domains in canonical ASCII and deduplicated.
 * All problems are reported at once, by field path.
 */
export function normalizePartnerInput(input: PartnerInput): PartnerInput {
  const problems: FieldError[] = [];
  let website = input.website;
  try {
    const url = new URL(input.website);
    if (!['https:', 'http:'].includes(url.protocol) || url.username || url.password)
      throw new Error('scheme');
    website = url.href;
  } catch {
    problems.push({ path: '/website', message: 'an http(s) URL without user name or password' });
  }
  const domains = new Map<string, PartnerDomain>();
  input.domains.forEach((entry, index) => {
    const domain = normalizeDomain(entry.domain);
    if (!domain) problems.push({ path: `/domains/${index}/domain`, message: 'a host name such as shop.kz' });
    else domains.set(domain, { domain, includeSubdomains: entry.includeSubdomains });
  });
  if (input.domains.length === 0) problems.push({ path: '/domains', message: 'at least one domain' });
  // The website is where `/go` lands without a deep target, so it must pass the same domain check.
  const websiteHost = URL.parse(website)?.hostname;
  if (websiteHost && domains.size > 0 && !hostBelongsTo(websiteHost, [...domains.values()]))
    problems.push({ path: '/website', message: 'must be on one of the partner’s domains' });
  const templateProblem = trackingTemplateProblem(input.trackingUrlTemplate, input.network);
  if (templateProblem) problems.push({ path: '/trackingUrlTemplate', message: templateProblem });
  for (const platform of ['ios', 'android'] as const) {
    const template = input.appLinks?.[platform];
    const problem = template === undefined ? undefined : appLinkTemplateProblem(template);
    if (problem) problems.push({ path: `/appLinks/${platform}`, message: problem });
  }
  if (input.interstitial && !input.appLinks?.ios && !input.appLinks?.android)
    problems.push({ path: '/interstitial', message: 'needs at least one app link template' });
  problems.push(...rewardProblems(input.reward));
  if (problems.length > 0) throw new AppError(CatalogErrors.CATALOG_INVALID_PARTNER, { errors: problems });

  return {
    ...input,
    name: mapLocalized(input.name, (value) => value.trim()),
    shortDescription: mapLocalized(input.shortDescription, sanitizeMarkdown),
    description: mapLocalized(input.description, sanitizeMarkdown),
    conditions: mapLocalized(input.conditions, sanitizeMarkdown),
    website,
    domains: [...domains.values()],
    categories: [...new Set(input.categories)],
  };
}
