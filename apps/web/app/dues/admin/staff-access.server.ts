import { data, type AppLoadContext } from 'react-router';
import type { Locale } from '../../i18n/locales.ts';
import { requireViewer } from '../../session/session.server.ts';
import type { Viewer } from '../../session/viewer.ts';
import { DUES_STAFF_ROLES, maySee, type StaffSection } from './staff-sections.ts';

/** The code of the staff area's own refusal, so its error page can tell it from the API's. */
export const STAFF_FORBIDDEN = 'WEB_DUES_STAFF_ONLY';

const forbidden = () => data({ code: STAFF_FORBIDDEN, title: 'Forbidden' }, { status: 403 });

/**
 * A signed-in person with a dues staff role (and, given a section, one that may use it); anyone
 * else signed in gets 403, and a visitor is sent to sign in and brought back.
 */
export async function requireStaff(
  request: Request,
  context: AppLoadContext,
  locale: Locale,
  section?: StaffSection,
): Promise<Viewer> {
  const viewer = await requireViewer(request, context, locale);
  if (!viewer.roles.some((role) => DUES_STAFF_ROLES.includes(role))) throw forbidden();
  if (section && !maySee(viewer.roles, section)) throw forbidden();
  return viewer;
}

/** An API refusal as the error page (403, 404…), keeping its code and localized title. */
export function apiFailure(result: { status: number; problem: { code: string; title: string } }): never {
  throw data({ code: result.problem.code, title: result.problem.title }, { status: result.status });
}
