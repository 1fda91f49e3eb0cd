import { useTranslation } from 'react-i18next';
import { useHref } from '../i18n/use-locale.ts';

/** The 404, 503 and 500 pages: what happened in plain words and where to go next. */
export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation();
  const href = useHref();
  const kind =
    status === 404
      ? 'notFound'
      : status === 503
        ? 'unavailable'
        : status >= 400 && status < 500
          ? 'badRequest'
          : 'serverError';
  return (
    <section className="mx-auto max-w-2xl px-4 py-16 text-center" aria-labelledby="error-title">
      <title>{`${t(`errors.${kind}.title`)} — Sauda`}</title>
      <meta name="robots" content="noindex" />
      <p className="text-5xl font-extrabold text-brand-700">{status}</p>
      <h1 id="error-title" className="mt-4 text-3xl font-bold">
        {t(`errors.${kind}.title`)}
      </h1>
      <p className="mt-4 text-lg text-slate-700">{t(`errors.${kind}.text`)}</p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <a className="button" href={href('/')}>
          {t('errors.home')}
        </a>
        <a className="button-secondary" href={href('/catalog')}>
          {t('errors.catalog')}
        </a>
      </div>
    </section>
  );
}
