import { useTranslation } from 'react-i18next';
import { data, useActionData, useLoaderData, type MetaFunction } from 'react-router';
import type { ImportReport } from '../../../dues/admin/staff-api.ts';
import { staffLoad } from '../../../dues/admin/staff-api.server.ts';
import { ImportForm } from '../../../dues/admin/staff-import.tsx';
import { ProblemAlert } from '../../../forms/fields.tsx';
import { translator } from '../../../i18n/i18n.server.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import type { ActionArgs, LoaderArgs } from '../../../route-args.ts';
import { pageMeta } from '../../../seo/seo.ts';

export { StaffRefusalBoundary as ErrorBoundary } from '../../../dues/admin/staff-refusal.tsx';

const IMPORT_ID = /^dim_[0-9a-z]{26}$/;

/** `/:lang/dues/admin/import[?import=dim_…]`: upload, dry run, apply; an import's stored result and progress. */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const id = new URL(request.url).searchParams.get('import') ?? '';
  const stored = IMPORT_ID.test(id)
    ? await staffLoad<ImportReport>(request, context, locale, `/v1/admin/dues/imports/${id}`)
    : null;
  const t = translator(locale);
  return {
    stored,
    seo: {
      title: t('duesStaff.import.title'),
      description: t('duesStaff.import.description'),
      path: '/dues/admin/import',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

/** Only a browser without scripts posts the file here: the API takes the raw file, which the page's script sends. */
export function action({ params }: ActionArgs) {
  const locale = localeParam(params);
  return data(
    {
      problem: {
        code: 'WEB_IMPORT_NEEDS_SCRIPT',
        title: translator(locale)('duesStaff.import.needsScript'),
        fields: {},
        retryAfterSeconds: null,
      },
    },
    { status: 400 },
  );
}

export default function StaffImport() {
  const { stored } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="import-title" className="space-y-6">
      <h1 id="import-title" className="text-3xl font-bold">
        {t('duesStaff.import.title')}
      </h1>
      <p className="text-slate-700">{t('duesStaff.import.lead')}</p>
      <ProblemAlert problem={result?.problem} />
      <ImportForm stored={stored} />
    </section>
  );
}
