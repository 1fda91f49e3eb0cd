import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, useRevalidator } from 'react-router';
import { useRootData } from '../root.tsx';
import { useLocale } from '../i18n/use-locale.ts';
import { MAX_RECEIPT_BYTES, RECEIPT_TYPES, receiptUrl } from './dues-api.ts';

/** Why a chosen file cannot be a receipt, checked before uploading it. */
function receiptProblem(
  file: File | undefined,
): 'dues.receipt.missing' | 'dues.receipt.tooLarge' | 'dues.receipt.wrongType' | null {
  if (!file || file.size === 0) return 'dues.receipt.missing';
  if (file.size > MAX_RECEIPT_BYTES) return 'dues.receipt.tooLarge';
  // Some phones report HEIC photos with no type; the API recognises the file from its bytes.
  if (file.type && !(RECEIPT_TYPES as readonly string[]).includes(file.type)) return 'dues.receipt.wrongType';
  return null;
}

type UploadState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sending' }
  | { readonly kind: 'error'; readonly message: string };

/**
 * The receipt goes straight from the browser to the API as the raw file (what
 * `PUT /v1/dues/me/payments/{id}/receipt` takes): no multipart re-encoding, no copy held by the
 * web server. Size and type are checked first, so nobody waits for a 10 MB upload to be refused.
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
      <input type="hidden" name="intent" value="receipt" />
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
