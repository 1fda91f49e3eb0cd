import { useTranslation } from 'react-i18next';
import { Form } from 'react-router';
import type { FormProblem } from '../../api/problem.ts';
import { CsrfField, ProblemAlert, TextField } from '../../forms/fields.tsx';
import type { DuesSettings } from './staff-api.ts';

type Values = Readonly<Record<string, string | undefined>>;
interface Failed {
  readonly problem: FormProblem | undefined;
  readonly values: Values;
}

export interface FeeView {
  readonly current: { readonly amount: string; readonly deadlineDay: number } | null;
  readonly currency: string;
  readonly firstFuture: string;
  readonly schedule: readonly {
    readonly effectiveFrom: string;
    readonly amount: string;
    readonly deadlineDay: number;
    readonly upcoming: boolean;
    readonly current: boolean;
    readonly when: string;
    readonly by: string;
  }[];
}

function SaveButton({ label }: { label: string }) {
  return (
    <button type="submit" className="button">
      {label}
    </button>
  );
}

/** The fee: what applies now, its history, and a change that can only start in a future month. */
export function FeeForm({ view, problem, values }: Failed & { view: FeeView }) {
  const { t } = useTranslation();
  const fields = problem?.fields ?? {};
  return (
    <section aria-labelledby="fee-title" className="card space-y-4">
      <h2 id="fee-title" className="text-xl font-semibold">
        {t('duesStaff.settings.fee.title')}
      </h2>
      {view.current && (
        <p className="text-lg" data-testid="fee-current">
          {t('duesStaff.settings.fee.current', {
            amount: view.current.amount,
            day: view.current.deadlineDay,
          })}
        </p>
      )}
      <p role="note" className="rounded-lg border border-amber-400 bg-amber-50 p-3 text-amber-900">
        {t('duesStaff.settings.fee.futureOnly')}
      </p>
      <h3 className="font-semibold">{t('duesStaff.settings.fee.history')}</h3>
      <ul className="divide-y divide-slate-200" data-testid="fee-history">
        {view.schedule.map((version) => (
          <li key={version.effectiveFrom} className="flex flex-wrap justify-between gap-x-4 gap-y-1 py-2">
            <span className="font-semibold">
              {t('duesStaff.settings.fee.from', { period: version.effectiveFrom })}
              {version.current ? ` · ${t('duesStaff.settings.fee.now')}` : ''}
              {version.upcoming ? ` · ${t('duesStaff.settings.fee.upcoming')}` : ''}
            </span>
            <span>
              {version.amount} · {t('duesStaff.settings.fee.deadline', { day: version.deadlineDay })}
            </span>
            <span className="w-full text-sm break-all text-slate-600">
              {version.when} · {version.by}
            </span>
          </li>
        ))}
      </ul>
      <Form method="post" className="space-y-4 border-t border-slate-200 pt-4" noValidate>
        <h3 className="font-semibold">{t('duesStaff.settings.fee.new')}</h3>
        <CsrfField />
        <input type="hidden" name="intent" value="fee" />
        <ProblemAlert problem={problem} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            name="effectiveFrom"
            type="month"
            label={t('duesStaff.settings.fee.effectiveFrom')}
            hint={t('duesStaff.settings.fee.effectiveFromHint', { period: view.firstFuture })}
            min={view.firstFuture}
            required
            defaultValue={values.effectiveFrom ?? view.firstFuture}
            error={fields.effectiveFrom}
          />
          <TextField
            name="amount"
            inputMode="decimal"
            label={t('duesStaff.settings.fee.amount')}
            hint={t('duesStaff.settings.fee.amountHint')}
            required
            maxLength={20}
            autoComplete="off"
            defaultValue={values.amount}
            error={fields.amount}
          />
          <TextField
            name="currency"
            label={t('duesStaff.settings.fee.currency')}
            hint={t('duesStaff.settings.fee.currencyHint')}
            maxLength={12}
            autoComplete="off"
            defaultValue={values.currency ?? view.currency}
            error={fields.currency}
          />
          <TextField
            name="deadlineDay"
            type="number"
            min={1}
            max={28}
            label={t('duesStaff.settings.fee.deadlineDay')}
            hint={t('duesStaff.settings.fee.deadlineDayHint')}
            required
            defaultValue={values.deadlineDay ?? String(view.current?.deadlineDay ?? 10)}
            error={fields.deadlineDay}
          />
        </div>
        <SaveButton label={t('duesStaff.settings.fee.submit')} />
      </Form>
    </section>
  );
}

/** Community name, payable months and reminder days. */
export function GeneralForm({
  settings,
  problem,
  values,
}: Failed & {
  settings: Pick<DuesSettings, 'communityName' | 'previousMonths' | 'futureMonths'> & {
    reminderOffsets: string;
  };
}) {
  const { t } = useTranslation();
  const fields = problem?.fields ?? {};
  return (
    <Form method="post" className="card space-y-4" noValidate aria-labelledby="general-title">
      <h2 id="general-title" className="text-xl font-semibold">
        {t('duesStaff.settings.general.title')}
      </h2>
      <CsrfField />
      <input type="hidden" name="intent" value="general" />
      <ProblemAlert problem={problem} />
      {(['ru', 'kk', 'en'] as const).map((language) => (
        <TextField
          key={language}
          name={language}
          label={t(`duesStaff.settings.general.name.${language}`)}
          required
          maxLength={200}
          lang={language}
          defaultValue={values[language] ?? settings.communityName[language]}
          error={fields[language]}
        />
      ))}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="previousMonths"
          type="number"
          min={0}
          max={24}
          label={t('duesStaff.settings.general.previousMonths')}
          defaultValue={values.previousMonths ?? String(settings.previousMonths)}
          error={fields.previousMonths}
        />
        <TextField
          name="futureMonths"
          type="number"
          min={0}
          max={24}
          label={t('duesStaff.settings.general.futureMonths')}
          defaultValue={values.futureMonths ?? String(settings.futureMonths)}
          error={fields.futureMonths}
        />
      </div>
      <TextField
        name="reminderOffsets"
        label={t('duesStaff.settings.general.reminders')}
        hint={t('duesStaff.settings.general.remindersHint')}
        autoComplete="off"
        defaultValue={values.reminderOffsets ?? settings.reminderOffsets}
        error={fields.reminderOffsets}
      />
      <SaveButton label={t('duesStaff.settings.save')} />
    </Form>
  );
}

/** The bank details members see for a transfer; without them paying by transfer is off. */
export function RequisitesForm({
  requisites,
  problem,
  values,
}: Failed & { requisites: DuesSettings['requisites'] }) {
  const { t } = useTranslation();
  const fields = problem?.fields ?? {};
  const names = ['recipient', 'bin', 'bank', 'iban', 'kaspiPhone'] as const;
  return (
    <Form method="post" className="card space-y-4" noValidate aria-labelledby="requisites-title">
      <h2 id="requisites-title" className="text-xl font-semibold">
        {t('duesStaff.settings.requisites.title')}
      </h2>
      {!requisites && <p>{t('duesStaff.settings.requisites.none')}</p>}
      <CsrfField />
      <input type="hidden" name="intent" value="requisites" />
      <ProblemAlert problem={problem} />
      {names.map((name) => (
        <TextField
          key={name}
          name={name}
          label={t(`duesStaff.settings.requisites.${name}`)}
          required={name !== 'kaspiPhone'}
          maxLength={name === 'recipient' || name === 'bank' ? 200 : 34}
          autoComplete="off"
          defaultValue={values[name] ?? requisites?.[name] ?? ''}
          error={fields[name]}
        />
      ))}
      <SaveButton label={t('duesStaff.settings.save')} />
    </Form>
  );
}
