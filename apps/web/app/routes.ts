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
      route('admin', 'routes/dues/admin/admin-layout.tsx', [
        route('payments', 'routes/dues/admin/payments.tsx'),
        route('payments/export.csv', 'routes/dues/admin/payments-export.ts'),
        route('payments/new', 'routes/dues/admin/payment-new.tsx'),
        route('payments/:paymentId', 'routes/dues/admin/payment-detail.tsx'),
        route('reports', 'routes/dues/admin/reports.tsx'),
        route('tickets', 'routes/dues/admin/tickets.tsx'),
        route('members', 'routes/dues/admin/members.tsx'),
        route('members/export.csv', 'routes/dues/admin/members-export.ts'),
        route('members/:memberId', 'routes/dues/admin/member.tsx'),
        route('import', 'routes/dues/admin/import.tsx'),
        route('audit', 'routes/dues/admin/audit.tsx'),
        route('pages', 'routes/dues/admin/pages.tsx'),
        route('pages/:slug/:pageLocale', 'routes/dues/admin/pages-edit.tsx'),
        route('settings', 'routes/dues/admin/settings.tsx'),
      ]),
      route(':slug', 'routes/dues/content-page.tsx', { id: 'dues-page' }),
    ]),
    route('*', 'routes/not-found.tsx'),
  ]),
] satisfies RouteConfig;
