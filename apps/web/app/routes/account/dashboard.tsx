import { useTranslation } from 'react-i18next';
import { Link, useLoaderData, type MetaFunction } from 'react-router';
import { callApi, loadFromApi } from '../../api/api.server.ts';
import type { PartnerPage } from '../../catalog/catalog-api.ts';
import { loadCategories, toCardView } from '../../catalog/catalog.server.ts';
import { BalanceCard, OperationsTable } from '../../components/operations.tsx';
import { PartnerCard } from '../../components/partner-card.tsx';
import { RecentVisits, toVisitViews, type MyClickPage } from '../../components/recent-visits.tsx';
import { formatDateTime } from '../../format.ts';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { useHref } from '../../i18n/use-locale.ts';
import type { KycStatusView } from '../../kyc/kyc-api.ts';
import type { InboxPage } from '../../notifications/notifications-api.ts';
import type { RewardPage } from '../../rewards/rewards-api.ts';
import { loadBalance, toOperationView } from '../../rewards/rewards.server.ts';
import { useRootData } from '../../root.tsx';
import { pageMeta } from '../../seo/seo.ts';
import type { LoaderArgs } from '../../route-args.ts';

const RECOMMENDED = 4;
const RECENT_NOTIFICATIONS = 3;
const RECENT_OPERATIONS = 5;
const RECENT_VISITS = 5;

export async function loader({ params, context }: LoaderArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const [kyc, categories, partners, inbox, balance, rewards, clicks] = await Promise.all([
    loadFromApi<KycStatusView>(context, locale, '/v1/kyc/status'),
    loadCategories(context, locale),
    loadFromApi<PartnerPage>(context, locale, '/v1/catalog/partners', { sort: 'rate', limit: RECOMMENDED }),
    callApi<InboxPage>(context, locale, 'GET', '/v1/me/notifications', {
      query: { limit: RECENT_NOTIFICATIONS },
    }),
    loadBalance(context, locale),
    callApi<RewardPage>(context, locale, 'GET', '/v1/rewards', { query: { limit: RECENT_OPERATIONS } }),
    callApi<MyClickPage>(context, locale, 'GET', '/v1/me/clicks', { query: { limit: RECENT_VISITS } }),
  ]);
  return {
    kyc: { verified: kyc.status === 'verified', title: kyc.title, next: kyc.nextStep.text },
    balance,
    operations: rewards.ok ? rewards.data.items.map((reward) => toOperationView(reward, locale)) : [],
    visits: clicks.ok ? toVisitViews(clicks.data, locale) : null,
    recommended: partners.items.map((partner) => toCardView(partner, locale, categories, context.origin)),
    notifications: inbox.ok
      ? inbox.data.items.map((item) => ({ ...item, createdAt: formatDateTime(item.createdAt, locale) }))
      : [],
    seo: {
      title: t('account.dashboard.title'),
      description: t('account.dashboard.title'),
      path: '/account',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export default function Dashboard() {
  const { kyc, balance, operations, visits, recommended, notifications } = useLoaderData<typeof loader>();
  const root = useRootData();
  const { t } = useTranslation();
  const href = useHref();
  const name = root?.viewer?.fullName ?? '';
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">
        {name ? t('account.dashboard.hello', { name }) : t('account.dashboard.title')}
      </h1>

      {!kyc.verified && (
        <section className="card border-accent-600" aria-labelledby="kyc-card-title">
          <h2 id="kyc-card-title" className="text-xl font-semibold">
            {t('account.dashboard.kycTitle')}
          </h2>
          <p className="mt-2 text-slate-800">{t('account.dashboard.kycText')}</p>
          <p className="mt-2 text-sm text-slate-700">
            {kyc.title}. {kyc.next}
          </p>
          <Link to={href('/account/kyc')} className="button mt-4">
            {t('account.dashboard.kycAction')}
          </Link>
        </section>
      )}

      <section className="card space-y-4" aria-labelledby="balance-title">
        <h2 id="balance-title" className="text-xl font-semibold">
          {t('account.dashboard.balanceTitle')}
        </h2>
        {balance ? (
          <BalanceCard balance={balance} />
        ) : (
          <p className="text-slate-700">{t('account.dashboard.balanceSoon')}</p>
        )}
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h3 className="font-semibold">{t('account.dashboard.recentOperations')}</h3>
          <Link to={href('/account/operations')} className="font-semibold text-brand-800 underline">
            {t('account.dashboard.allOperations')}
          </Link>
        </div>
        {operations.length === 0 ? (
          <p className="text-slate-700">{t('account.operations.empty')}</p>
        ) : (
          <OperationsTable operations={operations} />
        )}
      </section>

      <RecentVisits visits={visits} />

      <section aria-labelledby="notifications-title">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="notifications-title" className="text-xl font-semibold">
            {t('account.dashboard.notificationsTitle')}
          </h2>
          <Link to={href('/account/notifications')} className="font-semibold text-brand-800 underline">
            {t('account.dashboard.allNotifications')}
          </Link>
        </div>
        {notifications.length === 0 ? (
          <p className="mt-2 text-slate-700">{t('account.notifications.empty')}</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {notifications.map((item) => (
              <li key={item.id} className="card">
                <p className="font-semibold">{item.title}</p>
                <p className="text-sm text-slate-600">{item.createdAt}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="recommended-title">
        <h2 id="recommended-title" className="text-xl font-semibold">
          {t('account.dashboard.recommended')}
        </h2>
        <ul className="mt-3 grid gap-4 sm:grid-cols-2">
          {recommended.map((partner) => (
            <PartnerCard key={partner.slug} partner={partner} />
          ))}
        </ul>
      </section>
    </div>
  );
}
