import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useHref } from '../i18n/use-locale.ts';

const linkClass = ({ isActive }: { isActive: boolean }): string =>
  `flex min-h-11 items-center rounded-lg px-3 font-medium whitespace-nowrap ${
    isActive ? 'bg-brand-50 text-brand-800' : 'text-slate-800 hover:bg-slate-100'
  }`;

/** The community's own menu: plain links that wrap on narrow screens, no script needed. */
export function DuesNav() {
  const { t } = useTranslation();
  const href = useHref();
  const links = [
    { to: href('/dues'), label: t('dues.nav.home'), end: true },
    { to: href('/dues/about'), label: t('dues.nav.about') },
    { to: href('/dues/rules'), label: t('dues.nav.rules') },
    { to: href('/dues/contacts'), label: t('dues.nav.contacts') },
    { to: href('/dues/join'), label: t('dues.nav.join') },
    { to: href('/dues/cabinet'), label: t('dues.nav.cabinet') },
  ];
  return (
    <nav aria-label={t('dues.nav.label')} className="border-b border-slate-200 bg-white">
      <ul className="mx-auto flex max-w-4xl flex-wrap gap-1 px-2 py-2">
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end ?? false} className={linkClass}>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
