import { index, route, type RouteConfig } from '@react-router/dev/routes';

/**
 * Every page is under its language (`/ru/…`, `/kk/…`, `/en/…`): distinct URLs per language are what
 * hreflang and search engines need. A path without a language redirects to the visitor's (ADR 0011).
 */
export default [
  route('sitemap.xml', 'routes/seo/sitemap.ts'),
  route('robots.txt', 'routes/seo/robots.ts'),
  route('r/:code', 'routes/auth/referral-link.ts'),
  route(':lang', 'routes/locale-layout.tsx', [
    index('routes/public/landing.tsx'),
    route('catalog', 'routes/public/catalog.tsx'),
    route('partners/:slug', 'routes/public/partner.tsx'),
    route('extension', 'routes/public/extension.tsx'),
    route('help', 'routes/public/help.tsx'),
    route('legal/:document/:version?', 'routes/public/legal.tsx'),
    route('register', 'routes/auth/register.tsx'),
    route('verify', 'routes/auth/verify.tsx'),
    route('login', 'routes/auth/login.tsx'),
    route('logout', 'routes/auth/logout.tsx'),
    route('password/forgot', 'routes/auth/forgot-password.tsx'),
    route('password/reset', 'routes/auth/reset-password.tsx'),
    route('device', 'routes/auth/device.tsx'),
    route('account/operations/export/:format', 'routes/account/operations-export.ts'),
    route('account', 'routes/account/account-layout.tsx', [
      index('routes/account/dashboard.tsx'),
      route('operations', 'routes/account/operations.tsx'),
      route('referrals', 'routes/account/referrals.tsx'),
      route('kyc', 'routes/account/kyc.tsx'),
      route('profile', 'routes/account/profile.tsx'),
      route('security', 'routes/account/security.tsx'),
      route('notifications', 'routes/account/notifications.tsx'),
      route('notification-settings', 'routes/account/notification-settings.tsx'),
    ]),
    route('dues', 'routes/dues/dues-layout.tsx', [
      index('routes/dues/content-page.tsx', { id: 'dues-home' }),
      route('join', 'routes/dues/join.tsx'),
      route('cabinet', 'routes/dues/cabinet.tsx'),
      route(':slug', 'routes/dues/content-page.tsx', { id: 'dues-page' }),
    ]),
    route('*', 'routes/not-found.tsx'),
  ]),
] satisfies RouteConfig;
