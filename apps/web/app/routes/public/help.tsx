import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Link, useLoaderData, type MetaFunction } from 'react-router';
import { FAQ } from '../../content/faq.ts';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { useHref } from '../../i18n/use-locale.ts';
import { pageMeta } from '../../seo/seo.ts';
import type { LoaderArgs } from '../../route-args.ts';

/** Case- and accent-insensitive words, so "қ" finds "Қ" and "е" finds "ё". */
const normalize = (text: string): string =>
  text.toLocaleLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replaceAll('ё', 'е');

function matches(entry: { question: string; answer: string }, query: string): boolean {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  const haystack = normalize(`${entry.question} ${entry.answer}`);
  return words.every((word) => haystack.includes(word));
}

export function loader({ params, request }: LoaderArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const entries = FAQ.map((entry) => ({
    id: entry.id,
    question: entry.question[locale],
    answer: entry.answer[locale],
  }));
  return {
    entries,
    query: (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100),
    seo: {
      title: t('help.seo.title'),
      description: t('help.seo.description'),
      path: '/help',
      jsonLd: [
        {
          '@context': 'https://schema.org',
          '@type': 'FAQPage',
          mainEntity: entries.map((entry) => ({
            '@type': 'Question',
            name: entry.question,
            acceptedAnswer: { '@type': 'Answer', text: entry.answer },
          })),
        },
      ],
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches: routeMatches }) =>
  pageMeta(loaderData?.seo, routeMatches);

export default function Help() {
  const { entries, query: initialQuery } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const href = useHref();
  // Filters as the visitor types; the form still works as a plain GET without scripts.
  const [query, setQuery] = useState(initialQuery);
  const shown = query.trim() ? entries.filter((entry) => matches(entry, query)) : entries;
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-3xl font-bold">{t('help.title')}</h1>
      <p className="mt-2 text-slate-700">{t('help.lead')}</p>
      <Form
        method="get"
        role="search"
        className="mt-6 flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <div className="flex-1">
          <label htmlFor="help-q" className="field-label">
            {t('help.search.label')}
          </label>
          <input
            id="help-q"
            name="q"
            type="search"
            className="field-input"
            maxLength={100}
            value={query}
            placeholder={t('help.search.placeholder')}
            onChange={(event) => {
              setQuery(event.currentTarget.value);
            }}
          />
        </div>
      </Form>
      <p className="mt-4 text-slate-700" role="status" aria-live="polite">
        {shown.length === 0 ? t('help.empty') : t('help.found', { found: shown.length })}
      </p>
      <div className="mt-4 space-y-3">
        {shown.map((entry) => (
          <details
            key={entry.id}
            id={entry.id}
            className="card group"
            open={query.trim() !== '' || undefined}
          >
            <summary className="flex min-h-11 cursor-pointer items-center text-lg font-semibold">
              {entry.question}
            </summary>
            <p className="mt-3 leading-relaxed text-slate-800">{entry.answer}</p>
          </details>
        ))}
      </div>
      <section className="mt-10 rounded-xl bg-brand-50 p-4" aria-labelledby="more-title">
        <h2 id="more-title" className="text-lg font-semibold">
          {t('help.more.title')}
        </h2>
        <p className="mt-2 text-slate-800">{t('help.more.text')}</p>
        <Link className="mt-2 inline-flex font-semibold text-brand-800 underline" to={href('/legal/program')}>
          {t('legal.names.program')}
        </Link>
      </section>
    </div>
  );
}
