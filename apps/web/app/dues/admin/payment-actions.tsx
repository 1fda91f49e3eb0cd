import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, useNavigation } from 'react-router';
import type { FormProblem } from '../../api/problem.ts';
import { CsrfField, ProblemAlert, TextField } from '../../forms/fields.tsx';
import type { StaffPayment } from './payments-api.ts';

export type PaymentIntent = 'confirm' | 'reject' | 'refund';

export interface ActionResult {
  readonly intent: PaymentIntent;
  readonly problem: FormProblem;
}

/** The reason the member is told (reject) or the books keep (refund); required by the API. */
function ReasonField({ label, hint, error }: { label: string; hint: string; error: string | undefined }) {
  const id = useId();
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <textarea
        id={id}
        name="reason"
        rows={3}
        maxLength={500}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="field-input"
      />
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * What staff can do with a payment in its status: confirm or reject a pending one, refund a
 * confirmed one. Plain form posts (they work without scripts); the API's refusal shows at the form
 * that caused it. `noValidate` so an empty reason reaches the API and its message appears under the field.
 */
export function PaymentActions({
  status,
  result,
}: {
  status: StaffPayment['status'];
  result: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const problemOf = (intent: PaymentIntent) => (result?.intent === intent ? result.problem : undefined);
  if (status === 'pending') {
    const confirm = problemOf('confirm');
    const reject = problemOf('reject');
    return (
      <div className="grid gap-4 md:grid-cols-2">
        <Form method="post" className="card space-y-4" noValidate aria-labelledby="confirm-title">
          <h2 id="confirm-title" className="text-xl font-semibold">
            {t('duesAdmin.actions.confirmTitle')}
          </h2>
          <CsrfField />
          <ProblemAlert problem={confirm} />
          <TextField
            name="period"
            type="month"
            label={t('duesAdmin.actions.otherPeriod')}
            hint={t('duesAdmin.actions.otherPeriodHint')}
            error={confirm?.fields.period}
          />
          <button type="submit" name="intent" value="confirm" className="button w-full" disabled={busy}>
            {t('duesAdmin.actions.confirm')}
          </button>
        </Form>
        <Form method="post" className="card space-y-4" noValidate aria-labelledby="reject-title">
          <h2 id="reject-title" className="text-xl font-semibold">
            {t('duesAdmin.actions.rejectTitle')}
          </h2>
          <CsrfField />
          <ProblemAlert problem={reject && !reject.fields.reason ? reject : undefined} />
          <ReasonField
            label={t('duesAdmin.actions.rejectReason')}
            hint={t('duesAdmin.actions.rejectHint')}
            error={reject?.fields.reason}
          />
          <button type="submit" name="intent" value="reject" className="button-danger w-full" disabled={busy}>
            {t('duesAdmin.actions.reject')}
          </button>
        </Form>
      </div>
    );
  }
  if (status === 'confirmed') {
    const refund = problemOf('refund');
    return (
      <Form method="post" className="card space-y-4" noValidate aria-labelledby="refund-title">
        <h2 id="refund-title" className="text-xl font-semibold">
          {t('duesAdmin.actions.refundTitle')}
        </h2>
        <p className="text-slate-700">{t('duesAdmin.actions.refundLead')}</p>
        <CsrfField />
        <ProblemAlert problem={refund && !refund.fields.reason ? refund : undefined} />
        <ReasonField
          label={t('duesAdmin.actions.refundReason')}
          hint={t('duesAdmin.actions.refundHint')}
          error={refund?.fields.reason}
        />
        <button type="submit" name="intent" value="refund" className="button-danger" disabled={busy}>
          {t('duesAdmin.actions.refund')}
        </button>
      </Form>
    );
  }
  return null;
}
