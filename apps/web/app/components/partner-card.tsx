import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PartnerCardView } from '../catalog/partner-view.ts';
import { useHref } from '../i18n/use-locale.ts';

/** One partner in a grid: logo, name, categories, the user's rate, a short description. */
export function PartnerCard({ partner, eager = false }: { partner: PartnerCardView; eager?: boolean }) {
  const { t } = useTranslation();
  const href = useHref();
  return (
    <li className="card relative flex h-full flex-col gap-3 transition hover:border-brand-600">
      <div className="flex items-center gap-3">
        {partner.logoUrl ? (
          <img
            src={partner.logoUrl}
            alt=""
            width={56}
            height={56}
            loading={eager ? 'eager' : 'lazy'}
            decoding="async"
            className="h-14 w-14 shrink-0 rounded-lg border border-slate-200 object-contain"
          />
        ) : (
          <span
            aria-hidden="true"
            className="flex h-14 w-14 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-xl font-bold text-brand-800"
          >
            {partner.name.slice(0, 1)}
          </span>
        )}
        <div className="min-w-0">
          <h3 className="truncate text-lg font-semibold">
            {/* The whole card is clickable through this link's overlay; one link per card for screen readers. */}
            <Link to={href(`/partners/${partner.slug}`)} className="after:absolute after:inset-0">
              {partner.name}
            </Link>
          </h3>
          <p className="truncate text-sm text-slate-600">{partner.categoryNames.join(', ')}</p>
        </div>
      </div>
      <p className="text-2xl font-bold text-brand-700">
        <span className="sr-only">{t('catalog.card.rateLabel')} </span>
        {partner.rate}
      </p>
      {partner.paused && <p className="text-sm font-medium text-accent-600">{t('catalog.card.paused')}</p>}
      <p className="line-clamp-3 text-sm text-slate-700">{partner.shortDescription}</p>
    </li>
  );
}
