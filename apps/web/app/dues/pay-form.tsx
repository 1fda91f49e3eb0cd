import { useTranslation } from 'react-i18next';
import { Form, useNavigation } from 'react-router';
import { CsrfField } from '../forms/fields.tsx';
import type { CabinetView } from './cabinet-view.ts';

/**
 * "Pay 2 000 ₸": the months the API allows (the current one first checked), then one button per
 * way of paying. A plain form post: it works without scripts and on any browser.
 */
export function PayForm({ view }: { view: CabinetView }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const first = view.payable[0];
  if (view.status === 'blocked') return null;
  return (
    <section aria-labelledby="pay-title" className="card space-y-4">
      <h2 id="pay-title" className="text-xl font-semibold">
        {t('dues.pay.title')}
      </h2>
      {!first ? (
        <p className="text-slate-700">{t('dues.pay.nothing')}</p>
      ) : !view.methods.kaspiQr && !view.methods.transfer ? (
        <p className="text-slate-700">{t('dues.pay.noMethods')}</p>
      ) : (
        <Form method="post" className="space-y-4">
          <CsrfField />
          <input type="hidden" name="intent" value="pay" />
          <fieldset>
            <legend className="field-label">{t('dues.pay.period')}</legend>
            <div className="mt-2 grid gap-2">
              {view.payable.map((item) => (
                <label
                  key={item.period}
                  className="flex min-h-12 cursor-pointer items-center gap-3 rounded-lg border border-slate-300 px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
                >
                  <input
                    type="radio"
                    name="period"
                    value={item.period}
                    defaultChecked={item.period === first.period}
                    className="size-5"
                  />
                  <span className="flex-1">{item.label}</span>
                  <span className="font-semibold">{item.amount}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="grid gap-3 sm:grid-cols-2">
            {view.methods.kaspiQr && (
              <button
                type="submit"
                name="method"
                value="kaspi_qr"
                className="button min-h-12 w-full"
                disabled={busy}
              >
                {t('dues.pay.payKaspi', { amount: first.amount })}
              </button>
            )}
            {view.methods.transfer && (
              <button
                type="submit"
                name="method"
                value="kaspi_transfer"
                className="button-secondary min-h-12 w-full"
                disabled={busy}
              >
                {t('dues.pay.payTransfer', { amount: first.amount })}
              </button>
            )}
          </div>
        </Form>
      )}
    </section>
  );
}
