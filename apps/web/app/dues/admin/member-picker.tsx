import { useTranslation } from 'react-i18next';

export interface MemberOption {
  readonly id: string;
  readonly label: string;
  readonly detail: string;
}

/** The members found by the search, as radio buttons of the manual-entry form (`memberId`). */
export function MemberPicker({
  options,
  selected,
  error,
}: {
  options: readonly MemberOption[];
  selected: string;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const errorId = 'member-picker-error';
  return (
    <fieldset aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend className="field-label">{t('duesAdmin.newPayment.member')}</legend>
      {options.length === 0 ? (
        <p className="field-hint">{t('duesAdmin.newPayment.searchFirst')}</p>
      ) : (
        <div className="mt-2 grid gap-2">
          {options.map((option) => (
            <label
              key={option.id}
              className="flex min-h-12 cursor-pointer items-center gap-3 rounded-lg border border-slate-300 px-3 py-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input
                type="radio"
                name="memberId"
                value={option.id}
                defaultChecked={option.id === selected || options.length === 1}
                className="size-5"
              />
              <span className="flex-1">
                <span className="font-semibold">{option.label}</span>
                <span className="block text-sm text-slate-600">{option.detail}</span>
              </span>
            </label>
          ))}
        </div>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
