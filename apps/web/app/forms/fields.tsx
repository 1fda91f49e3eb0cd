import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormProblem } from '../api/problem.ts';
import { useRootData } from '../root.tsx';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'>;

/** A labelled input with its hint and error tied to it for screen readers. */
export function TextField({
  name,
  label,
  hint,
  error,
  ...input
}: InputProps & { name: string; label: string; hint?: ReactNode; error?: string | undefined }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        name={name}
        className="field-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        {...input}
      />
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The CSRF token of the session, sent back with every form that changes something. */
export function CsrfField() {
  const root = useRootData();
  return <input type="hidden" name="csrf" value={root?.csrfToken ?? ''} />;
}

/** The API's reason for refusing a submission, announced to screen readers when it appears. */
export function ProblemAlert({ problem }: { problem: FormProblem | null | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-red-900">
      <p className="font-semibold">{problem.title}</p>
      {problem.retryAfterSeconds !== null && (
        <p className="mt-1 text-sm">{t('forms.retryAfter', { seconds: problem.retryAfterSeconds })}</p>
      )}
    </div>
  );
}

/** A success message, announced politely. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="rounded-lg border border-brand-600 bg-brand-50 p-3 text-brand-800">
      {children}
    </p>
  );
}
