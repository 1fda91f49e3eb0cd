import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** identity's rule (docs/api/authentication.md): at least 10 characters and not a common password. */
export const MIN_PASSWORD_LENGTH = 10;
const LEVELS = ['veryWeak', 'weak', 'fair', 'good', 'strong'] as const;
const COLOURS = ['bg-red-700', 'bg-red-700', 'bg-amber-600', 'bg-brand-600', 'bg-brand-700'] as const;

type Scorer = (password: string) => number;

/**
 * A new-password input with a strength meter. The estimator (zxcvbn, a few hundred kilobytes of word
 * lists) loads when the person starts typing; the server's rule is the one that counts.
 */
export function NewPasswordField({
  name,
  label,
  error,
}: {
  name: string;
  label: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [password, setPassword] = useState('');
  const [score, setScore] = useState<number | null>(null);
  const scorer = useRef<Scorer | null>(null);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (password === '' || loaded) return;
    let cancelled = false;
    void import('./password-strength.client.ts').then((module) => {
      scorer.current = module.passwordScore;
      if (!cancelled) setLoaded(true);
    });
    return () => {
      cancelled = true;
    };
  }, [password, loaded]);

  useEffect(() => {
    setScore(password && scorer.current ? scorer.current(password) : null);
  }, [password, loaded]);

  const tooShort = password.length > 0 && password.length < MIN_PASSWORD_LENGTH;
  const level = tooShort ? 0 : score;
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        maxLength={256}
        className="field-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-strength${error ? ` ${id}-error` : ''}`}
        onChange={(event) => {
          setPassword(event.currentTarget.value);
        }}
      />
      <p id={`${id}-hint`} className="field-hint">
        {t('forms.password.rule', { min: MIN_PASSWORD_LENGTH })}
      </p>
      <div id={`${id}-strength`} aria-live="polite" className="mt-2">
        {password && level !== null && (
          <>
            <div className="flex gap-1" aria-hidden="true">
              {LEVELS.map((item, index) => (
                <span
                  key={item}
                  className={`h-1.5 flex-1 rounded ${index <= level ? COLOURS[level] : 'bg-slate-200'}`}
                />
              ))}
            </div>
            <p className="mt-1 text-sm text-slate-700">
              {tooShort
                ? t('forms.password.tooShort', { min: MIN_PASSWORD_LENGTH })
                : t(`forms.password.${LEVELS[level] ?? 'veryWeak'}`)}
            </p>
          </>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
