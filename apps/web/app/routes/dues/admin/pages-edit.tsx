import { useTranslation } from 'react-i18next';
import {
  data,
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useSearchParams,
  type MetaFunction,
} from 'react-router';
import { field, formOf, text } from '../../../api/api.server.ts';
import type { FormProblem } from '../../../api/problem.ts';
import { markdownToHtml } from '../../../catalog/markdown.server.ts';
import { PAGE_SLUGS, type PageSlug } from '../../../dues/dues-api.ts';
import { PAGE_LOCALES, type PageLocale, type StaffPage } from '../../../dues/admin/staff-api.ts';
import { staffCall, staffLoad } from '../../../dues/admin/staff-api.server.ts';
import { formatDateTime } from '../../../dues/admin/staff-format.ts';
import { CsrfField, Notice, ProblemAlert, TextField } from '../../../forms/fields.tsx';
import { translator } from '../../../i18n/i18n.server.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import { useHref } from '../../../i18n/use-locale.ts';
import type { ActionArgs, LoaderArgs } from '../../../route-args.ts';
import { pageMeta } from '../../../seo/seo.ts';

export { StaffRefusalBoundary as ErrorBoundary } from '../../../dues/admin/staff-refusal.tsx';

function pageOf(params: LoaderArgs['params']): { slug: PageSlug; pageLocale: PageLocale } {
  const slug = PAGE_SLUGS.find((value) => value === params.slug);
  const pageLocale = PAGE_LOCALES.find((value) => value === params.pageLocale);
  if (!slug || !pageLocale) throw data(null, { status: 404 });
  return { slug, pageLocale };
}

const apiPath = (slug: PageSlug, pageLocale: PageLocale) => `/v1/admin/dues/pages/${slug}/${pageLocale}`;

/**
 * `/:lang/dues/admin/pages/:slug/:pageLocale[?version=n]`: the editor of one page in one language,
 * with its versions; `?version` puts an older text in the form, so saving it brings it back.
 */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const { slug, pageLocale } = pageOf(params);
  const { items } = await staffLoad<{ items: StaffPage[] }>(
    request,
    context,
    locale,
    `${apiPath(slug, pageLocale)}/versions`,
  );
  const asked = Number(new URL(request.url).searchParams.get('version'));
  const latest = items[0];
  const shown = items.find((item) => item.version === asked) ?? latest;
  const t = translator(locale);
  return {
    slug,
    pageLocale,
    baseVersion: latest?.version ?? 0,
    shownVersion: shown?.version ?? 0,
    title: shown?.title ?? '',
    body: shown?.body ?? '',
    versions: items.map((item) => ({
      version: item.version,
      title: item.title,
      by: item.updatedBy,
      when: formatDateTime(item.updatedAt, locale),
    })),
    seo: {
      title: t('duesStaff.pages.editor.title', {
        page: t(`dues.nav.${slug}`),
        language: t(`duesStaff.languages.${pageLocale}`),
      }),
      description: t('duesStaff.pages.description'),
      path: `/dues/admin/pages/${slug}/${pageLocale}`,
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

const titleProblem = (problem: FormProblem): FormProblem =>
  problem.code === 'DUES_INVALID_SETTINGS' && !('title' in problem.fields)
    ? { ...problem, fields: { ...problem.fields, title: problem.title } }
    : problem;

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const { slug, pageLocale } = pageOf(params);
  const form = await formOf(request);
  const values = { title: field(form, 'title'), body: text(form, 'body') };
  const baseVersion = Number(field(form, 'baseVersion'));
  if (field(form, 'intent') === 'preview')
    return { problem: null, values, preview: markdownToHtml(values.body) };
  const result = await staffCall<StaffPage>(request, context, locale, 'PUT', apiPath(slug, pageLocale), {
    csrfToken: field(form, 'csrf'),
    body: { ...values, baseVersion: Number.isInteger(baseVersion) && baseVersion >= 0 ? baseVersion : 0 },
  });
  if (!result.ok)
    return data({ problem: titleProblem(result.form), values, preview: null }, { status: result.status });
  throw redirect(`/${locale}/dues/admin/pages/${slug}/${pageLocale}?saved=${String(result.data.version)}`);
}

export default function StaffPageEditor() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const href = useHref();
  const problem = result?.problem ?? undefined;
  const saved = search.get('saved');
  const name = t(`dues.nav.${page.slug}`);
  const language = t(`duesStaff.languages.${page.pageLocale}`);
  const publicPath = page.slug === 'home' ? '/dues' : `/dues/${page.slug}`;
  return (
    <div className="space-y-6">
      <Link to={href('/dues/admin/pages')} className="text-brand-800 underline">
        {t('duesStaff.pages.editor.back')}
      </Link>
      <h1 className="text-3xl font-bold">{t('duesStaff.pages.editor.title', { page: name, language })}</h1>
      {saved && <Notice>{t('duesStaff.pages.editor.saved', { version: saved })}</Notice>}
      {page.shownVersion !== page.baseVersion && (
        <p role="note" className="rounded-lg border border-amber-400 bg-amber-50 p-3 text-amber-900">
          {t('duesStaff.pages.editor.restoring', { version: page.shownVersion })}
        </p>
      )}
      <Form method="post" className="card space-y-4" noValidate>
        <CsrfField />
        <input type="hidden" name="baseVersion" value={page.baseVersion} />
        <ProblemAlert problem={problem} />
        <TextField
          name="title"
          label={t('duesStaff.pages.editor.pageTitle')}
          required
          maxLength={200}
          defaultValue={result?.values.title ?? page.title}
          error={problem?.fields.title}
        />
        <div>
          <label htmlFor="page-body" className="field-label">
            {t('duesStaff.pages.editor.body')}
          </label>
          <textarea
            id="page-body"
            name="body"
            rows={14}
            maxLength={100_000}
            defaultValue={result?.values.body ?? page.body}
            aria-describedby={`page-body-hint${problem?.fields.body ? ' page-body-error' : ''}`}
            aria-invalid={problem?.fields.body ? true : undefined}
            className="field-input font-mono"
            lang={page.pageLocale}
          />
          <p id="page-body-hint" className="field-hint">
            {t('duesStaff.pages.editor.bodyHint')}
          </p>
          {problem?.fields.body && (
            <p id="page-body-error" className="field-error">
              {problem.fields.body}
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="save" className="button">
            {t('duesStaff.pages.editor.save')}
          </button>
          <button type="submit" name="intent" value="preview" className="button-secondary">
            {t('duesStaff.pages.editor.preview')}
          </button>
          <a href={href(publicPath)} className="button-secondary" target="_blank" rel="noopener">
            {t('duesStaff.pages.editor.open')}
          </a>
        </div>
      </Form>
      {result?.preview && (
        <section aria-labelledby="page-preview-title" className="card" data-testid="page-preview">
          <h2 id="page-preview-title" className="text-sm font-semibold text-slate-600 uppercase">
            {t('duesStaff.pages.editor.previewTitle')}
          </h2>
          <h3 className="mt-2 text-2xl font-bold" lang={page.pageLocale}>
            {result.values.title}
          </h3>
          <div
            className="prose-text mt-4"
            lang={page.pageLocale}
            dangerouslySetInnerHTML={{ __html: result.preview }}
          />
        </section>
      )}
      <section aria-labelledby="page-versions-title" className="card">
        <h2 id="page-versions-title" className="text-xl font-semibold">
          {t('duesStaff.pages.versions.title')}
        </h2>
        {page.versions.length === 0 ? (
          <p className="mt-2">{t('duesStaff.pages.versions.empty')}</p>
        ) : (
          <ol className="mt-2 divide-y divide-slate-200">
            {page.versions.map((version) => (
              <li
                key={version.version}
                className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2"
              >
                <div className="min-w-0">
                  <p className="font-semibold">
                    {t('duesStaff.pages.versions.version', { version: version.version })}
                    {version.version === page.baseVersion
                      ? ` · ${t('duesStaff.pages.versions.current')}`
                      : ''}
                  </p>
                  <p className="text-sm break-all text-slate-700">
                    {version.when} · {t('duesStaff.pages.versions.by', { who: version.by })}
                  </p>
                </div>
                {version.version !== page.shownVersion && (
                  <Link
                    to={`?version=${String(version.version)}`}
                    className="inline-flex min-h-11 items-center text-brand-800 underline"
                  >
                    {t('duesStaff.pages.versions.load')}
                  </Link>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
