import { createElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/use-locale.ts';

/** Identity's answer when a proof of work must come with the next attempt (docs/api/authentication.md). */
export const CHALLENGE_REQUIRED = 'IDENTITY_CHALLENGE_REQUIRED';
export const CHALLENGE_FAILED = 'IDENTITY_CHALLENGE_FAILED';

/**
 * The ALTCHA widget, shown only after the API asked for it: it fetches a challenge from the public
 * API, solves it in a worker and puts the payload in the form's hidden `altcha` field. The widget's
 * code is loaded on demand, so pages that never need it do not carry it.
 */
export function AltchaChallenge() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void import('./altcha-widget.client.ts').then(() => {
      if (!cancelled) setReady(true);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <div className="rounded-lg border border-slate-300 p-3">
      <p className="mb-2 text-sm text-slate-700">{t('forms.challenge')}</p>
      {ready ? (
        createElement('altcha-widget', {
          challenge: '/v1/auth/challenge',
          name: 'altcha',
          language: locale,
          auto: 'onload',
          hidefooter: true,
        })
      ) : (
        <p className="text-sm text-slate-600">{t('forms.loading')}</p>
      )}
      <noscript>
        <p className="text-sm text-red-800">{t('forms.challengeNoScript')}</p>
      </noscript>
    </div>
  );
}
