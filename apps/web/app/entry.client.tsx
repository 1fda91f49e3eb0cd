import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { HydratedRouter } from 'react-router/dom';
import { createI18n, loadDictionary } from './i18n/i18n.ts';
import { DEFAULT_LOCALE, isLocale } from './i18n/locales.ts';
import { NonceContext } from './nonce.ts';

// The server rendered the page in the language of <html lang>; the browser loads only that dictionary.
const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
const i18n = createI18n(locale, await loadDictionary(locale));
// Browsers hide nonce attributes but keep the property; React compares against the property.
const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce || undefined;

startTransition(() => {
  hydrateRoot(
    document,
    <NonceContext.Provider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <StrictMode>
          <HydratedRouter />
        </StrictMode>
      </I18nextProvider>
    </NonceContext.Provider>,
  );
});
