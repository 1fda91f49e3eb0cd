export {
  createWebRenderer,
  DEFAULT_BUILD_DIRECTORY,
  WEB_ROOT,
  type DevMiddleware,
  type WebRenderer,
  type WebRendererOptions,
} from './renderer.ts';
export { buildWeb } from './build.ts';
export type { ApiClient, ApiMethod, ApiRequest, ApiResponse, WebLoadContext } from './load-context.ts';
export {
  VITE_DEV_PREFIXES,
  WEB_BODY_LIMIT_BYTES,
  WEB_PUBLIC_FILES,
  WEB_ROOT_FILES,
  WEB_SECTIONS,
} from './web-paths.ts';
export { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, LOCALES, type Locale } from '../app/i18n/locales.ts';
export { preferredLocale } from '../app/i18n/preferred-locale.ts';
