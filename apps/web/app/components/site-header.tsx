import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { useHref } from '../i18n/use-locale.ts';
import type { Viewer } from '../session/viewer.ts';
import { LanguageSwitcher } from './language-switcher.tsx';
import { Logo } from './logo.tsx';

const navClass = ({ isActive }: { isActive: boolean }): string =>
  `inline-flex min-h-11 items-center rounded-md px-3 font-medium ${
    isActive ? 'text-brand-800 underline decoration-2' : 'text-slate-800 hover:text-brand-700'
  }`;

export function SiteHeader({ viewer }: { viewer: Viewer | null }) {
  const { t } = useTranslation();
  const href = useHref();
  const links = [
    { to: href('/catalog'), label: t('nav.catalog') },
    { to: href('/extension'), label: t('nav.extension') },
    { to: href('/help'), label: t('nav.help') },
  ];
  const account = viewer ? (
    <Link to={href('/account')} className="button min-h-11 px-4">
      {t('nav.account')}
    </Link>
  ) : (
    <Link to={href('/login')} className="button min-h-11 px-4">
      {t('nav.signIn')}
    </Link>
  );
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <Link to={href('/')} className="inline-flex min-h-11 items-center" aria-label={t('nav.home')}>
          <Logo />
        </Link>
        <nav aria-label={t('nav.main')} className="hidden md:block">
          <ul className="flex gap-2">
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} className={navClass}>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex items-center gap-2">
          <div className="hidden sm:block">
            <LanguageSwitcher />
          </div>
          {account}
        </div>
        <details className="w-full md:hidden">
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-slate-800">
            {t('nav.menu')}
          </summary>
          <nav aria-label={t('nav.mobile')} className="pb-2">
            <ul className="flex flex-col">
              {links.map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to} className={navClass}>
                    {link.label}
                  </NavLink>
                </li>
              ))}
            </ul>
            <div className="mt-2 sm:hidden">
              <LanguageSwitcher />
            </div>
          </nav>
        </details>
      </div>
    </header>
  );
}
