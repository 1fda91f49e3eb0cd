import { useTranslation } from 'react-i18next';
import { Form, NavLink, Outlet, useLoaderData } from 'react-router';
import { callApi } from '../../api/api.server.ts';
import { CsrfField } from '../../forms/fields.tsx';
import { localeParam } from '../../i18n/locale-param.ts';
import { useHref } from '../../i18n/use-locale.ts';
import type { KycStatusView } from '../../kyc/kyc-api.ts';
import { requireViewer } from '../../session/session.server.ts';
import type { LoaderArgs } from '../../route-args.ts';

/** The cabinet: every page needs a signed-in person; the menu shows identification and unread counts. */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const viewer = await requireViewer(request, context, locale);
  const [kyc, unread] = await Promise.all([
    callApi<KycStatusView>(context, locale, 'GET', '/v1/kyc/status'),
    callApi<{ unread: number }>(context, locale, 'GET', '/v1/me/notifications/unread-count'),
  ]);
  return {
    viewer,
    kycVerified: kyc.ok && kyc.data.status === 'verified',
    unread: unread.ok ? unread.data.unread : 0,
  };
}

const linkClass = ({ isActive }: { isActive: boolean }): string =>
  `flex min-h-11 items-center justify-between gap-2 rounded-lg px-3 font-medium ${
    isActive ? 'bg-brand-50 text-brand-800' : 'text-slate-800 hover:bg-slate-100'
  }`;

export default function AccountLayout() {
  const { viewer, kycVerified, unread } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const href = useHref();
  const links = [
    { to: href('/account'), label: t('account.nav.dashboard'), end: true },
    { to: href('/account/kyc'), label: t('account.nav.kyc'), badge: kycVerified ? null : '!' },
    { to: href('/account/operations'), label: t('account.nav.operations') },
    { to: href('/account/referrals'), label: t('account.nav.referrals') },
    {
      to: href('/account/notifications'),
      label: t('account.nav.notifications'),
      badge: unread > 0 ? String(unread) : null,
    },
    { to: href('/account/profile'), label: t('account.nav.profile') },
    { to: href('/account/security'), label: t('account.nav.security') },
    { to: href('/account/notification-settings'), label: t('account.nav.notificationSettings') },
  ];
  return (
    <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8 md:grid-cols-[14rem_1fr]">
      <aside>
        <p className="px-3 text-sm text-slate-600">{t('account.signedInAs')}</p>
        <p className="truncate px-3 font-semibold">{viewer.fullName ?? viewer.email ?? viewer.phone}</p>
        <nav aria-label={t('account.nav.label')} className="mt-4">
          <ul className="flex flex-col gap-1">
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.end ?? false} className={linkClass}>
                  <span>{link.label}</span>
                  {link.badge && (
                    <span className="rounded-full bg-accent-600 px-2 text-sm font-bold text-white">
                      {link.badge}
                      <span className="sr-only"> {t('account.nav.attention')}</span>
                    </span>
                  )}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <Form method="post" action={href('/logout')} className="mt-4 px-3">
          <CsrfField />
          <button type="submit" className="button-secondary w-full">
            {t('nav.signOut')}
          </button>
        </Form>
      </aside>
      <div className="min-w-0">
        <Outlet />
      </div>
    </div>
  );
}
