import { useTranslation } from 'react-i18next';
import { Form, useNavigation } from 'react-router';
import type { FormProblem } from '../../api/problem.ts';
import { CsrfField, ProblemAlert, TextField } from '../../forms/fields.tsx';
import { MEMBER_LOCALES, REMINDER_CHANNELS, STAFF_STATUSES, type StaffMember } from './staff-api.ts';

type Values = Readonly<Record<string, string | undefined>>;

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
}) {
  const id = `member-${name}`;
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className="field-input">
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Correcting a member's data; the API checks every field and says which one is wrong. */
export function MemberEditForm({
  member,
  problem,
  values = {},
}: {
  member: StaffMember;
  problem: FormProblem | undefined;
  values?: Values;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'edit';
  return (
    <Form method="post" className="card space-y-4" noValidate aria-labelledby="member-edit-title">
      <h2 id="member-edit-title" className="text-xl font-semibold">
        {t('duesStaff.member.edit.title')}
      </h2>
      <CsrfField />
      <input type="hidden" name="intent" value="edit" />
      <ProblemAlert problem={problem} />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          name="fullName"
          label={t('dues.join.fullName')}
          required
          maxLength={200}
          autoComplete="off"
          defaultValue={values.fullName ?? member.fullName}
          error={problem?.fields.fullName}
        />
        <TextField
          name="phone"
          type="tel"
          label={t('dues.join.phone')}
          required
          maxLength={32}
          autoComplete="off"
          defaultValue={values.phone ?? member.phone}
          error={problem?.fields.phone}
        />
        <TextField
          name="email"
          type="email"
          label={t('dues.join.email')}
          maxLength={254}
          autoComplete="off"
          defaultValue={values.email ?? member.email ?? ''}
          error={problem?.fields.email}
        />
        <TextField
          name="iin"
          label={t('dues.join.iin')}
          inputMode="numeric"
          maxLength={20}
          autoComplete="off"
          hint={
            member.iinMasked
              ? t('duesStaff.member.edit.iinHint', { masked: member.iinMasked })
              : t('duesStaff.member.edit.iinNone')
          }
          defaultValue={values.iin ?? ''}
          error={problem?.fields.iin}
        />
        <TextField
          name="city"
          label={t('dues.join.city')}
          maxLength={100}
          autoComplete="off"
          defaultValue={values.city ?? member.city ?? ''}
          error={problem?.fields.city}
        />
        <TextField
          name="joinedPeriod"
          type="month"
          label={t('duesStaff.member.joined')}
          hint={t('duesStaff.member.edit.joinedHint')}
          defaultValue={values.joinedPeriod ?? member.joinedPeriod}
          error={problem?.fields.joinedPeriod}
        />
        <Select
          name="preferredChannel"
          label={t('duesStaff.member.edit.channel')}
          value={values.preferredChannel ?? member.preferredChannel}
          options={REMINDER_CHANNELS.map((value) => ({
            value,
            label: t(`duesStaff.member.channels.${value}`),
          }))}
        />
        <Select
          name="locale"
          label={t('duesStaff.member.edit.locale')}
          value={values.locale ?? member.locale}
          options={MEMBER_LOCALES.map((value) => ({ value, label: t(`duesStaff.languages.${value}`) }))}
        />
      </div>
      <label className="flex min-h-11 items-center gap-3">
        <input
          type="checkbox"
          name="remindersEnabled"
          defaultChecked={
            values.remindersEnabled ? values.remindersEnabled === 'on' : member.remindersEnabled
          }
          className="h-5 w-5 accent-brand-700"
        />
        {t('duesStaff.member.edit.reminders')}
      </label>
      <button type="submit" className="button" disabled={busy}>
        {t('duesStaff.member.edit.submit')}
      </button>
    </Form>
  );
}

/** Suspending, blocking or lifting it; the reason is required for the first two and shown to the member. */
export function MemberStatusForm({
  member,
  problem,
  values = {},
}: {
  member: StaffMember;
  problem: FormProblem | undefined;
  values?: Values;
}) {
  const { t } = useTranslation();
  const reasonError = problem?.fields.reason;
  return (
    <Form method="post" className="card space-y-4" noValidate aria-labelledby="member-status-title">
      <h2 id="member-status-title" className="text-xl font-semibold">
        {t('duesStaff.member.status.title')}
      </h2>
      <CsrfField />
      <input type="hidden" name="intent" value="status" />
      {problem && !reasonError && <ProblemAlert problem={problem} />}
      {member.staffStatus !== 'none' && member.staffStatusReason && (
        <p>{t('dues.statusHelp.reason', { reason: member.staffStatusReason })}</p>
      )}
      <fieldset>
        <legend className="field-label">{t('duesStaff.member.status.newStatus')}</legend>
        <div className="flex flex-col gap-1">
          {STAFF_STATUSES.map((status) => (
            <label key={status} className="flex min-h-11 items-center gap-3">
              <input
                type="radio"
                name="status"
                value={status}
                defaultChecked={
                  (values.status ?? (member.staffStatus === 'none' ? 'suspended' : 'none')) === status
                }
                className="h-5 w-5 accent-brand-700"
              />
              {t(`duesStaff.member.status.options.${status}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="member-reason" className="field-label">
          {t('duesStaff.member.status.reason')}
        </label>
        <textarea
          id="member-reason"
          name="reason"
          rows={3}
          maxLength={500}
          defaultValue={values.reason ?? ''}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={`member-reason-hint${reasonError ? ' member-reason-error' : ''}`}
          className="field-input"
        />
        <p id="member-reason-hint" className="field-hint">
          {t('duesStaff.member.status.reasonHint')}
        </p>
        {reasonError && (
          <p id="member-reason-error" className="field-error">
            {reasonError}
          </p>
        )}
      </div>
      <button type="submit" className="button-danger">
        {t('duesStaff.member.status.submit')}
      </button>
    </Form>
  );
}
