import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../format.ts';
import type { Locale } from '../i18n/locales.ts';
import { useHref } from '../i18n/use-locale.ts';

/** `GET /v1/me/clicks` as pages read it (modules/tracking contracts). */
export interface MyClickPage {
  readonly items: readonly {
    readonly clickId: string;
    readonly clickedAt: string;
    readonly partner: { readonly id: string; readonly slug: string; readonly name: string };
    readonly source: 'web' | 'ext' | 'app' | 'link';
    readonly duplicate: boolean;
  }[];
  readonly nextCursor: string | null;
}

export interface VisitView {
  readonly id: string;
  readonly partnerSlug: string;
  readonly partnerName: string;
  readonly at: string;
  readonly atText: string;
  readonly source: MyClickPage['items'][number]['source'];
}

export const toVisitViews = (page: MyClickPage, locale: Locale): VisitView[] =>
  page.items.map((click) => ({
    id: click.clickId,
    partnerSlug: click.partner.slug,
    partnerName: click.partner.name,
    at: click.clickedAt,
    atText: formatDateTime(click.clickedAt, locale),
    source: click.source,
  }));

/** The dashboard's recent shop visits: proof that a cashback activation registered. */
export function RecentVisits({ visits }: { visits: readonly VisitView[] | null }) {
  const { t } = useTranslation();
  const href = useHref();
  return (
    <section aria-labelledby="visits-title" data-testid="recent-visits">
      <h2 id="visits-title" className="text-xl font-semibold">
        {t('account.visits.title')}
      </h2>
      <p className="mt-2 text-slate-700">{t('account.visits.explanation')}</p>
      {visits === null ? (
        <p className="mt-2 text-slate-700">{t('account.visits.unavailable')}</p>
      ) : visits.length === 0 ? (
        <p className="mt-2 text-slate-700">
          {t('account.visits.empty')}{' '}
          <Link to={href('/catalog')} className="font-semibold text-brand-800 underline">
            {t('account.visits.chooseShop')}
          </Link>
        </p>
      ) : (
        <ul className="mt-3 space-y-2">
          {visits.map((visit) => (
            <li key={visit.id} className="card">
              <Link
                to={href(`/partners/${visit.partnerSlug}`)}
                className="font-semibold text-brand-800 underline"
              >
                {visit.partnerName}
              </Link>
              <p className="text-sm text-slate-600">
                <time dateTime={visit.at}>{visit.atText}</time> ·{' '}
                {t(`account.visits.sources.${visit.source}`)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
