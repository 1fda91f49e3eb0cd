import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useHref } from '../i18n/use-locale.ts';
import { LanguageSwitcher } from './language-switcher.tsx';

export function SiteFooter() {
  const { t } = useTranslation();
  const href = useHref();
  return (
    <footer className="mt-16 border-t border-slate-200 bg-slate-50 text-slate-700">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <h2 className="font-semibold text-slate-900">{t('footer.program')}</h2>
          <ul className="mt-2 space-y-1">
            <li>
              <Link className="hover:underline" to={href('/catalog')}>
                {t('nav.catalog')}
              </Link>
            </li>
            <li>
              <Link className="hover:underline" to={href('/extension')}>
                {t('nav.extension')}
              </Link>
            </li>
            <li>
              <Link className="hover:underline" to={href('/help')}>
                {t('nav.help')}
              </Link>
            </li>
          </ul>
        </div>
        <div>
          <h2 className="font-semibold text-slate-900">{t('footer.documents')}</h2>
          <ul className="mt-2 space-y-1">
            <li>
              <Link className="hover:underline" to={href('/legal/program')}>
                {t('legal.names.program')}
              </Link>
            </li>
            <li>
              <Link className="hover:underline" to={href('/legal/terms')}>
                {t('legal.names.terms')}
              </Link>
            </li>
            <li>
              <Link className="hover:underline" to={href('/legal/privacy')}>
                {t('legal.names.privacy')}
              </Link>
            </li>
          </ul>
        </div>
        <div className="sm:col-span-2">
          <h2 className="font-semibold text-slate-900">{t('footer.compliance')}</h2>
          <p className="mt-2 text-sm leading-relaxed">{t('footer.complianceText')}</p>
          <p className="mt-2 text-sm leading-relaxed">{t('footer.dataText')}</p>
          <div className="mt-4">
            <LanguageSwitcher long />
          </div>
        </div>
      </div>
      <p className="border-t border-slate-200 py-4 text-center text-sm">
        {t('footer.copyright', { year: new Date().getUTCFullYear() })}
      </p>
    </footer>
  );
}
