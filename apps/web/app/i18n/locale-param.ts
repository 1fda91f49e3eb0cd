import { data, type Params } from 'react-router';
import { isLocale, type Locale } from './locales.ts';

/** The `:lang` of a route under the locale layout (which already turned anything else into a redirect or 404). */
export function localeParam(params: Params): Locale {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  return params.lang;
}
