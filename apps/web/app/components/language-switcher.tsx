import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { pathInLocale } from '../i18n/locale-of-path.ts';
import { LOCALE_NAMES, LOCALES } from '../i18n/locales.ts';
import { useLocale } from '../i18n/use-locale.ts';

const SHORT_NAMES = { ru: 'Рус', kk: 'Қаз', en: 'Eng' } as const;

/**
 * Links to this page in the other languages. Plain links (a full page load): the new page comes
 * with its own dictionary, and the server remembers the choice in a cookie.
 */
export function LanguageSwitcher({ long = false }: { long?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const location = useLocation();
  return (
    <nav aria-label={t('nav.language')}>
      <ul className="flex items-center gap-1">
        {LOCALES.map((target) => (
          <li key={target}>
            <a
              href={pathInLocale(location.pathname, location.search, target)}
              hrefLang={target}
              lang={target}
              aria-current={target === locale ? 'true' : undefined}
              className={`inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-2 text-sm font-semibold ${
                target === locale ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100'
              }`}
            >
              {long ? LOCALE_NAMES[target] : SHORT_NAMES[target]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
