import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { data, Form, useActionData, useLoaderData, useNavigation, type MetaFunction } from 'react-router';
import QRCode from 'qrcode';
import { callApi, field, formOf, loadFromApi } from '../../api/api.server.ts';
import { formatMoney } from '../../catalog/catalog.server.ts';
import { CsrfField, Notice, ProblemAlert, TextField } from '../../forms/fields.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import type { ReferralCard } from '../../rewards/rewards-api.ts';
import type { ActionArgs, LoaderArgs } from '../../route-args.ts';
import { pageMeta } from '../../seo/seo.ts';

export async function loader({ params, context }: LoaderArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const card = await loadFromApi<ReferralCard>(context, locale, '/v1/referrals/me');
  return {
    code: card.code,
    link: card.link,
    // Drawn on the server: the page ships no QR library, and the image is a data URL (no request).
    qr: await QRCode.toDataURL(card.link, { margin: 1, width: 240, errorCorrectionLevel: 'M' }),
    stats: { ...card.stats, earned: formatMoney(card.stats.earned.amount, card.stats.earned.asset, locale) },
    seo: {
      title: t('account.referrals.title'),
      description: t('account.referrals.lead'),
      path: '/account/referrals',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const form = await formOf(request);
  const result = await callApi(context, locale, 'POST', '/v1/referrals/claim', {
    csrfToken: field(form, 'csrf'),
    body: { code: field(form, 'code') },
  });
  return result.ok
    ? { claimed: true, problem: null }
    : data({ claimed: false, problem: result.form }, { status: result.status });
}

const noSubscription = () => () => undefined;
const STATS = ['invited', 'registered', 'kycVerified', 'rewarded'] as const;

/** Copy and share buttons need the browser's clipboard and share sheet; without scripts the link is there to select. */
function ShareButtons({ link }: { link: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  // The share sheet exists on phones and some desktops; the server renders without it.
  const canShare = useSyncExternalStore(
    noSubscription,
    () => typeof navigator.share === 'function',
    () => false,
  );
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        className="button"
        onClick={() => {
          void navigator.clipboard.writeText(link).then(() => {
            setCopied(true);
          });
        }}
      >
        {t('account.referrals.copy')}
      </button>
      {canShare && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            void navigator
              .share({ url: link, title: 'Sauda', text: t('account.referrals.shareText') })
              .catch(() => undefined);
          }}
        >
          {t('account.referrals.share')}
        </button>
      )}
      <span role="status" className="text-sm text-brand-800">
        {copied ? t('account.referrals.copied') : ''}
      </span>
    </div>
  );
}

export default function Referrals() {
  const { code, link, qr, stats } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t('account.referrals.title')}</h1>
      <p className="text-slate-700">{t('account.referrals.lead')}</p>
      <section className="card grid gap-6 md:grid-cols-[1fr_auto]" aria-labelledby="link-title">
        <div className="min-w-0 space-y-3">
          <h2 id="link-title" className="text-xl font-semibold">
            {t('account.referrals.link')}
          </h2>
          <p className="rounded-lg bg-slate-100 p-3 font-mono break-all" data-testid="referral-link">
            {link}
          </p>
          <p className="text-sm text-slate-700">{t('account.referrals.code', { code })}</p>
          <ShareButtons link={link} />
        </div>
        <img
          src={qr}
          alt={t('account.referrals.qrAlt')}
          width={180}
          height={180}
          className="rounded-lg border border-slate-200"
        />
      </section>
      <section className="card" aria-labelledby="stats-title">
        <h2 id="stats-title" className="text-xl font-semibold">
          {t('account.referrals.stats')}
        </h2>
        <dl className="mt-4 grid grid-cols-2 gap-4 md:grid-cols-5">
          {STATS.map((stat) => (
            <div key={stat}>
              <dt className="text-sm text-slate-600">{t(`account.referrals.${stat}`)}</dt>
              <dd className="text-2xl font-bold">{stats[stat]}</dd>
            </div>
          ))}
          <div>
            <dt className="text-sm text-slate-600">{t('account.referrals.earned')}</dt>
            <dd className="text-2xl font-bold text-brand-700">{stats.earned}</dd>
          </div>
        </dl>
      </section>
      <section className="card space-y-3" aria-labelledby="claim-title">
        <h2 id="claim-title" className="text-xl font-semibold">
          {t('account.referrals.claimTitle')}
        </h2>
        <p className="text-slate-700">{t('account.referrals.claimText')}</p>
        <ProblemAlert problem={result?.problem} />
        {result?.claimed && <Notice>{t('account.referrals.claimed')}</Notice>}
        <Form method="post" className="flex flex-wrap items-end gap-3" noValidate>
          <CsrfField />
          <div className="min-w-48 flex-1">
            <TextField
              name="code"
              label={t('account.referrals.claimCode')}
              maxLength={16}
              autoComplete="off"
              required
              error={result?.problem?.fields.code}
            />
          </div>
          <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
            {t('account.referrals.claim')}
          </button>
        </Form>
      </section>
    </div>
  );
}
