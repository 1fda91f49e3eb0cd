import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, useRevalidator } from 'react-router';
import { useRootData } from '../root.tsx';
import { useLocale } from '../i18n/use-locale.ts';
import { CsrfField } from '../forms/fields.tsx';
import { RECEIPT_TYPES, receiptProblem, receiptUrl } from './dues-api.ts';

type UploadState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sending' }
  | { readonly kind: 'error'; readonly message: string };

/**
 * With scripts the receipt goes straight from the browser to the API as the raw file (what
 * `PUT /v1/dues/me/payments/{id}/receipt` takes), size and type checked first so nobody waits for a
 * 10 MB upload to be refused. Without them the form posts to the cabinet's action, which sends it on.
 */
export function ReceiptUpload({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const root = useRootData();
  const revalidator = useRevalidator();
  const [state, setState] = useState<UploadState>({ kind: 'idle' });

  async function send(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem('receipt');
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    const problem = receiptProblem(file);
    if (problem) {
      setState({ kind: 'error', message: t(problem) });
      return;
    }
    if (!file) return;
    setState({ kind: 'sending' });
    try {
      const response = await fetch(receiptUrl(paymentId), {
        method: 'PUT',
        credentials: 'same-origin',
        headers: {
          'content-type': file.type || 'application/octet-stream',
          'accept-language': locale,
          'x-csrf-token': root?.csrfToken ?? '',
        },
        body: file,
      });
      if (!response.ok) {
        const refusal = (await response.json().catch(() => null)) as { title?: string } | null;
        setState({ kind: 'error', message: refusal?.title ?? t('dues.receipt.failed') });
        return;
      }
      setState({ kind: 'idle' });
      await revalidator.revalidate();
    } catch {
      setState({ kind: 'error', message: t('dues.receipt.failed') });
    }
  }

  const errorId = `receipt-error-${paymentId}`;
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="space-y-3"
      onSubmit={(event) => {
        void send(event);
      }}
    >
      <CsrfField />
      <input type="hidden" name="intent" value="receipt" />
      <input type="hidden" name="paymentId" value={paymentId} />
      <div>
        <label htmlFor={`receipt-${paymentId}`} className="field-label">
          {t('dues.receipt.label')}
        </label>
        <input
          id={`receipt-${paymentId}`}
          name="receipt"
          type="file"
          accept={RECEIPT_TYPES.join(',')}
          required
          aria-invalid={state.kind === 'error' ? true : undefined}
          aria-describedby={state.kind === 'error' ? errorId : undefined}
          className="block min-h-12 w-full rounded-lg border border-slate-300 p-2 text-base file:mr-3 file:min-h-10 file:rounded-md file:border-0 file:bg-slate-100 file:px-3"
        />
        <p className="field-hint">{t('dues.receipt.hint')}</p>
        {state.kind === 'error' && (
          <p id={errorId} role="alert" className="field-error">
            {state.message}
          </p>
        )}
      </div>
      <button type="submit" className="button min-h-12 w-full sm:w-auto" disabled={state.kind === 'sending'}>
        {state.kind === 'sending' ? t('dues.receipt.sending') : t('dues.receipt.submit')}
      </button>
    </Form>
  );
}
