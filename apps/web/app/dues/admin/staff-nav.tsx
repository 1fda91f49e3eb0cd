import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useHref } from '../../i18n/use-locale.ts';
import type { StaffSection } from './staff-sections.ts';

const linkClass = ({ isActive }: { isActive: boolean }): string =>
  `flex min-h-11 items-center rounded-lg px-3 font-medium whitespace-nowrap ${
    isActive ? 'bg-brand-700 text-white' : 'text-slate-800 hover:bg-slate-200'
  }`;

/** The staff menu: the sections this person may use, as plain links that wrap on narrow screens. */
export function StaffNav({ sections }: { sections: readonly StaffSection[] }) {
  const { t } = useTranslation();
  const href = useHref();
  return (
    <nav aria-label={t('duesAdmin.nav.label')} className="rounded-xl bg-slate-100 p-2">
      <ul className="flex flex-wrap gap-1">
        {sections.map((section) => (
          <li key={section}>
            <NavLink to={href(`/dues/admin/${section}`)} className={linkClass}>
              {t(`duesAdmin.nav.${section}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
