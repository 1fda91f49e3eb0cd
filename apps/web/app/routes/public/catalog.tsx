import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  data,
  Form,
  Link,
  redirect,
  useLoaderData,
  useNavigation,
  useSubmit,
  type MetaFunction,
} from 'react-router';
import { callApi } from '../../api/api.server.ts';
import { SORTS, type PartnerPage, type Sort } from '../../catalog/catalog-api.ts';
import { loadCategories, toCardView, toCategoryViews } from '../../catalog/catalog.server.ts';
import { PartnerCard } from '../../components/partner-card.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { useHref } from '../../i18n/use-locale.ts';
import { breadcrumbs, localizedUrl, pageMeta } from '../../seo/seo.ts';
import type { LoaderArgs } from '../../route-args.ts';

const PAGE_SIZE = 24;
const SEARCH_DELAY_MS = 250;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The query string as the catalog understands it; anything malformed is dropped, not an error. */
function readQuery(url: URL) {
  const category = url.searchParams.get('category') ?? '';
  const sort = url.searchParams.get('sort') ?? '';
  const page = Number(url.searchParams.get('page') ?? '1');
  return {
    q: (url.searchParams.get('q') ?? '').trim().slice(0, 100),
    category: SLUG.test(category) && category.length <= 64 ? category : '',
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as Sort) : 'popular',
    cursor: (url.searchParams.get('cursor') ?? '').slice(0, 512),
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
  };
}

export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const query = readQuery(new URL(request.url));
  const [categories, listed] = await Promise.all([
    loadCategories(context, locale),
    callApi<PartnerPage>(context, locale, 'GET', '/v1/catalog/partners', {
      query: {
        q: query.q || undefined,
        category: query.category || undefined,
        sort: query.sort,
        cursor: query.cursor || undefined,
        limit: PAGE_SIZE,
      },
    }),
  ]);
  if (!listed.ok) {
    // A stale or edited page cursor: start the same listing from its first page.
    if (listed.status === 400 && query.cursor) {
      const url = new URL(request.url);
      url.searchParams.delete('cursor');
      url.searchParams.delete('page');
      throw redirect(`${url.pathname}${url.search}`);
    }
    throw data({ code: listed.problem.code, title: listed.problem.title }, { status: listed.status });
  }
  const result = listed.data;
  const categoryViews = toCategoryViews(categories, locale);
  const current = categoryViews.find((category) => category.slug === query.category);
  const partners = result.items.map((partner) => toCardView(partner, locale, categories, context.origin));
  const path = current ? `/catalog?category=${current.slug}` : '/catalog';
  const title = current ? t('catalog.seo.categoryTitle', { category: current.name }) : t('catalog.seo.title');
  return {
    query,
    categories: categoryViews,
    partners,
    nextCursor: result.nextCursor,
    seo: {
      title,
      description: current
        ? t('catalog.seo.categoryDescription', { category: current.name })
        : t('catalog.seo.description'),
      path,
      // Search results and deeper pages are for people, not for the index.
      noindex: query.q !== '' || query.cursor !== '',
      jsonLd: [
        {
          '@context': 'https://schema.org',
          '@type': 'CollectionPage',
          name: title,
          url: localizedUrl(context.origin, locale, path),
          inLanguage: locale,
          mainEntity: {
            '@type': 'ItemList',
            itemListElement: partners.map((partner, index) => ({
              '@type': 'ListItem',
              position: index + 1,
              name: partner.name,
              url: localizedUrl(context.origin, locale, `/partners/${partner.slug}`),
            })),
          },
        },
        breadcrumbs([
          { name: t('nav.home'), url: localizedUrl(context.origin, locale, '') },
          { name: t('catalog.seo.title'), url: localizedUrl(context.origin, locale, '/catalog') },
        ]),
      ],
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '' && !(key === 'sort' && value === 'popular'))
      params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export default function Catalog() {
  const { query, categories, partners, nextCursor, seo } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const href = useHref();
  const submit = useSubmit();
  const navigation = useNavigation();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const searching = navigation.state === 'loading' && navigation.location.pathname.endsWith('/catalog');
  useEffect(
    () => () => {
      clearTimeout(timer.current);
    },
    [],
  );

  // Results follow the typing: each pause re-runs the search, replacing the history entry.
  const searchSoon = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (form.current) void submit(form.current, { replace: true, preventScrollReset: true });
    }, SEARCH_DELAY_MS);
  };

  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-3xl font-bold">{seo.title}</h1>
      <p className="mt-2 text-slate-700">{t('catalog.lead')}</p>

      <Form
        ref={form}
        method="get"
        role="search"
        className="mt-6 grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end"
      >
        <div>
          <label htmlFor="catalog-q" className="field-label">
            {t('catalog.search.label')}
          </label>
          <input
            id="catalog-q"
            name="q"
            type="search"
            defaultValue={query.q}
            maxLength={100}
            autoComplete="off"
            placeholder={t('catalog.search.placeholder')}
            className="field-input"
            onChange={searchSoon}
          />
        </div>
        <div>
          <label htmlFor="catalog-sort" className="field-label">
            {t('catalog.sort.label')}
          </label>
          <select
            id="catalog-sort"
            name="sort"
            defaultValue={query.sort}
            className="field-input"
            onChange={(event) =>
              void submit(event.currentTarget.form, { replace: true, preventScrollReset: true })
            }
          >
            {SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`catalog.sort.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        {query.category && <input type="hidden" name="category" value={query.category} />}
        <button type="submit" className="button">
          {t('catalog.search.submit')}
        </button>
      </Form>

      <nav aria-label={t('catalog.categories.label')} className="mt-6">
        <ul className="flex flex-wrap gap-2">
          <li>
            <Link
              to={href(`/catalog${queryString({ q: query.q, sort: query.sort })}`)}
              aria-current={query.category === '' ? 'page' : undefined}
              className={chipClass(query.category === '')}
              preventScrollReset
            >
              {t('catalog.categories.all')}
            </Link>
          </li>
          {categories.map((category) => (
            <li key={category.slug}>
              <Link
                to={href(`/catalog${queryString({ q: query.q, sort: query.sort, category: category.slug })}`)}
                aria-current={query.category === category.slug ? 'page' : undefined}
                className={chipClass(query.category === category.slug)}
                preventScrollReset
              >
                {category.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section
        aria-labelledby="results-title"
        aria-busy={searching}
        className={searching ? 'opacity-60' : undefined}
      >
        <h2 id="results-title" className="sr-only">
          {t('catalog.results.title')}
        </h2>
        <p className="mt-6 text-slate-700" role="status" aria-live="polite">
          {partners.length === 0
            ? t('catalog.results.empty')
            : t('catalog.results.shown', { shown: partners.length, page: query.page })}
        </p>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {partners.map((partner, index) => (
            <PartnerCard key={partner.slug} partner={partner} eager={index < 3} />
          ))}
        </ul>
      </section>

      <nav aria-label={t('catalog.pagination.label')} className="mt-8 flex flex-wrap justify-between gap-3">
        {query.page > 1 ? (
          <Link
            className="button-secondary"
            to={href(`/catalog${queryString({ q: query.q, sort: query.sort, category: query.category })}`)}
          >
            {t('catalog.pagination.first')}
          </Link>
        ) : (
          <span />
        )}
        {nextCursor && (
          <Link
            className="button-secondary"
            rel="next"
            to={href(
              `/catalog${queryString({ q: query.q, sort: query.sort, category: query.category, cursor: nextCursor, page: query.page + 1 })}`,
            )}
          >
            {t('catalog.pagination.next')}
          </Link>
        )}
      </nav>
    </div>
  );
}

const chipClass = (active: boolean): string =>
  `inline-flex min-h-11 items-center rounded-full border px-4 text-sm font-medium ${
    active
      ? 'border-brand-700 bg-brand-700 text-white'
      : 'border-slate-400 bg-white text-slate-800 hover:bg-slate-100'
  }`;
