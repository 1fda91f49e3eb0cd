import { Outlet, redirect, useLoaderData } from 'react-router';
import { requireStaff } from '../../../dues/admin/staff-access.server.ts';
import { StaffErrorPage } from '../../../dues/admin/staff-error.tsx';
import { StaffNav } from '../../../dues/admin/staff-nav.tsx';
import { visibleSections } from '../../../dues/admin/staff-sections.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import type { LoaderArgs } from '../../../route-args.ts';

/**
 * The dues staff area (`/:lang/dues/admin/…`): cashiers, content managers and admins. A visitor is
 * sent to sign in first; a member without a staff role gets 403. `/dues/admin` itself opens the
 * first section the person may use.
 */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const viewer = await requireStaff(request, context, locale);
  const sections = visibleSections(viewer.roles);
  const { pathname } = new URL(request.url);
  if (/\/dues\/admin\/?$/.test(pathname) && sections[0])
    throw redirect(`/${locale}/dues/admin/${sections[0]}`);
  return { sections };
}

export default function AdminLayout() {
  const { sections } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6 text-base">
      <StaffNav sections={sections} />
      <Outlet />
    </div>
  );
}

export function ErrorBoundary({ error }: { error: unknown }) {
  return <StaffErrorPage error={error} />;
}
