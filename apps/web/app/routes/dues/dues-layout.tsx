import { Outlet } from 'react-router';
import { DuesNav } from '../../dues/dues-nav.tsx';

/** The community portal: its own menu above every dues page, inside the site's header and footer. */
export default function DuesLayout() {
  return (
    <>
      <DuesNav />
      <div className="mx-auto max-w-4xl px-4 py-6 text-lg sm:py-8">
        <Outlet />
      </div>
    </>
  );
}
