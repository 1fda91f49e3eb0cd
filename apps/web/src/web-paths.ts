import { LOCALES } from '../app/i18n/locales.ts';

/**
 * First path segments the web app answers. Every page lives under a locale (`/ru/catalog`); the
 * other sections exist without one only to redirect to the visitor's language, because links in
 * emails, the tracking pages and identity's device flow are written without a locale.
 */
export const WEB_SECTIONS = [
  ...LOCALES,
  'catalog',
  'partners',
  'extension',
  'help',
  'legal',
  'device',
  'login',
  'register',
  'verify',
  'password',
  'account',
  // The diaspora community's dues portal (modules/dues); Kaspi sends payers back to /dues/cabinet.
  'dues',
  // Referral links, `/r/<code>` (modules/referrals).
  'r',
] as const;

/** Files at the root of the site, produced by the web app. */
export const WEB_ROOT_FILES = ['/sitemap.xml', '/robots.txt'] as const;

/** Static files of `public/`, served as they are. */
export const WEB_PUBLIC_FILES = ['/favicon.svg', '/og-image.png'] as const;

/**
 * URL prefixes of Vite's development server (its client, module graph, pre-bundled dependencies and
 * the app's source), forwarded to Vite's middleware in development only.
 */
export const VITE_DEV_PREFIXES = [
  '/@vite/',
  '/@fs/',
  '/@id/',
  '/@react-refresh',
  '/app/',
  '/node_modules/',
] as const;

/** Largest body of a page form (two document photos of a KYC step, unscaled when scripts are off). */
export const WEB_BODY_LIMIT_BYTES = 24 * 1024 * 1024;
