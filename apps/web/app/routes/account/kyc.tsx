import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  data,
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRevalidator,
  type MetaFunction,
} from 'react-router';
import { callApi, field, formOf, loadFromApi } from '../../api/api.server.ts';
import type { FormProblem } from '../../api/problem.ts';
import { CsrfField, ProblemAlert, TextField } from '../../forms/fields.tsx';
import { ImageInput } from '../../forms/image-input.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { useHref } from '../../i18n/use-locale.ts';
import { KYC_STAGES, stageOf, type KycConsent, type KycStatusView } from '../../kyc/kyc-api.ts';
import { pageMeta } from '../../seo/seo.ts';
import type { ActionArgs, LoaderArgs } from '../../route-args.ts';

/** The API's limit per image (modules/kyc: 5 MB); checked here too, so a huge file is not encoded and sent. */
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);
const POLL_INTERVAL_MS = 3000;
const MAX_POLLS = 60;

export async function loader({ params, context }: LoaderArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const [status, consent] = await Promise.all([
    loadFromApi<KycStatusView>(context, locale, '/v1/kyc/status'),
    loadFromApi<KycConsent>(context, locale, '/v1/kyc/consent'),
  ]);
  return {
    status,
    consent,
    seo: { title: t('kyc.title'), description: t('kyc.lead'), path: '/account/kyc', noindex: true },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

type ImagePage = { side: 'front' | 'back' | 'main'; contentType: string; data: string };

/** A photo from the form, as the KYC API takes it; a localized reason when it cannot be one. */
async function imageOf(
  form: FormData,
  name: string,
  t: ReturnType<typeof translator>,
): Promise<{ page?: Omit<ImagePage, 'side'>; error?: string }> {
  const file = form.get(name);
  if (!(file instanceof File) || file.size === 0) return { error: t('kyc.document.missing') };
  if (!IMAGE_TYPES.has(file.type)) return { error: t('kyc.document.wrongType') };
  if (file.size > MAX_IMAGE_BYTES) return { error: t('kyc.document.tooLarge', { megabytes: 5 }) };
  return { page: { contentType: file.type, data: Buffer.from(await file.arrayBuffer()).toString('base64') } };
}

const formProblem = (title: string, fields: Record<string, string>): FormProblem => ({
  code: 'WEB_FORM_INCOMPLETE',
  title,
  fields,
  retryAfterSeconds: null,
});

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const form = await formOf(request);
  const csrfToken = field(form, 'csrf');
  const intent = form.get('intent');

  if (intent === 'start') {
    if (form.get('consent') !== 'yes') {
      return data(
        { problem: formProblem(t('forms.fixErrors'), { consent: t('kyc.start.consentRequired') }) },
        { status: 400 },
      );
    }
    const result = await callApi(context, locale, 'POST', '/v1/kyc/start', {
      csrfToken,
      body: {
        iin: field(form, 'iin'),
        consentVersion: field(form, 'consentVersion'),
        consentAccepted: true,
        resident: form.get('resident') === 'yes',
      },
    });
    return result.ok ? { problem: null } : data({ problem: result.form }, { status: result.status });
  }

  if (intent === 'document') {
    const documentType = form.get('documentType') === 'passport' ? 'passport' : 'id_card';
    const sides = documentType === 'passport' ? (['main'] as const) : (['front', 'back'] as const);
    const pages: ImagePage[] = [];
    const fields: Record<string, string> = {};
    for (const side of sides) {
      const image = await imageOf(form, side, t);
      if (image.page) pages.push({ side, ...image.page });
      else fields[side] = image.error ?? '';
    }
    if (Object.keys(fields).length > 0)
      return data({ problem: formProblem(t('forms.fixErrors'), fields) }, { status: 400 });
    const result = await callApi(context, locale, 'POST', '/v1/kyc/document', {
      csrfToken,
      body: { documentType, pages },
    });
    return result.ok ? { problem: null } : data({ problem: result.form }, { status: result.status });
  }

  if (intent === 'liveness') {
    const image = await imageOf(form, 'selfie', t);
    if (!image.page)
      return data(
        { problem: formProblem(t('forms.fixErrors'), { selfie: image.error ?? '' }) },
        { status: 400 },
      );
    const result = await callApi(context, locale, 'POST', '/v1/kyc/liveness', {
      csrfToken,
      body: { selfie: image.page },
    });
    return result.ok ? { problem: null } : data({ problem: result.form }, { status: result.status });
  }
  return data({ problem: formProblem(t('forms.fixErrors'), {}) }, { status: 400 });
}

/** While the provider decides, the page asks again every few seconds (for a few minutes at most). */
function useStatusPolling(active: boolean): void {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    let polls = 0;
    const timer = setInterval(() => {
      polls += 1;
      if (polls > MAX_POLLS) clearInterval(timer);
      else if (document.visibilityState === 'visible' && revalidator.state === 'idle')
        void revalidator.revalidate();
    }, POLL_INTERVAL_MS);
    return () => {
      clearInterval(timer);
    };
  }, [active, revalidator]);
}

function Progress({ current }: { current: (typeof KYC_STAGES)[number] }) {
  const { t } = useTranslation();
  const index = KYC_STAGES.indexOf(current);
  return (
    <ol className="grid grid-cols-4 gap-2" aria-label={t('kyc.progress')}>
      {KYC_STAGES.map((stage, position) => (
        <li key={stage} aria-current={stage === current ? 'step' : undefined} className="text-center text-sm">
          <span
            className={`mx-auto flex h-9 w-9 items-center justify-center rounded-full font-bold ${
              position < index
                ? 'bg-brand-700 text-white'
                : position === index
                  ? 'border-2 border-brand-700 bg-white text-brand-800'
                  : 'bg-slate-200 text-slate-700'
            }`}
          >
            {position < index ? '✓' : position + 1}
          </span>
          <span className={`mt-1 block ${position === index ? 'font-semibold' : 'text-slate-700'}`}>
            {t(`kyc.stages.${stage}`)}
            {position < index && <span className="sr-only"> {t('kyc.stageDone')}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

function IinField({ error }: { error: string | undefined }) {
  const { t } = useTranslation();
  const [check, setCheck] = useState<string | null>(null);
  return (
    <TextField
      name="iin"
      label={t('kyc.start.iin')}
      inputMode="numeric"
      autoComplete="off"
      pattern="[0-9]{12}"
      maxLength={12}
      required
      hint={check ?? t('kyc.start.iinHint')}
      error={error}
      onBlur={(event) => {
        const iin = event.currentTarget.value.trim();
        if (iin.length !== 12) {
          setCheck(null);
          return;
        }
        // The public validator answers in the page's language; nothing is stored or logged there.
        void fetch('/v1/iin/validate', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-language': document.documentElement.lang },
          body: JSON.stringify({ iin }),
        })
          .then((response) =>
            response.ok ? (response.json() as Promise<{ valid: boolean; message?: string }>) : null,
          )
          .then((result) => {
            if (result) setCheck(result.valid ? t('kyc.start.iinValid') : (result.message ?? null));
          })
          .catch(() => undefined);
      }}
    />
  );
}

export default function Kyc() {
  const { status, consent } = useLoaderData<typeof loader>();
  const problem = useActionData<typeof action>()?.problem;
  const navigation = useNavigation();
  const { t } = useTranslation();
  const href = useHref();
  const [documentType, setDocumentType] = useState<'id_card' | 'passport'>('id_card');
  const step = status.nextStep.action;
  useStatusPolling(step === 'wait');
  const busy = navigation.state === 'submitting';

  return (
    <section aria-labelledby="kyc-title" className="space-y-6">
      <div>
        <h1 id="kyc-title" className="text-3xl font-bold">
          {t('kyc.title')}
        </h1>
        <p className="mt-2 text-slate-700">{t('kyc.lead')}</p>
      </div>
      <Progress current={stageOf(status)} />

      <div className="card" role="status" aria-live="polite">
        <p className="text-sm text-slate-600">{t('kyc.status')}</p>
        <p className="text-xl font-semibold">{status.title}</p>
        {status.reasonText && <p className="mt-2 text-slate-800">{status.reasonText}</p>}
        <p className="mt-2 text-slate-800">{status.nextStep.text}</p>
        {status.maskedIin && (
          <p className="mt-2 text-sm text-slate-600">{t('kyc.maskedIin', { iin: status.maskedIin })}</p>
        )}
        {step === 'wait' && <p className="mt-2 text-sm text-slate-600">{t('kyc.autoRefresh')}</p>}
      </div>

      <ProblemAlert problem={problem} />

      {(step === 'start' || step === 'retry') && (
        <Form method="post" className="card space-y-4" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="start" />
          <input type="hidden" name="consentVersion" value={consent.version} />
          <h2 className="text-xl font-semibold">{t('kyc.start.title')}</h2>
          <IinField error={problem?.fields.iin} />
          <div>
            <h3 className="font-medium">{t('kyc.start.consentTitle')}</h3>
            <div
              className="mt-2 max-h-48 overflow-y-auto rounded-lg border border-slate-300 bg-slate-50 p-3 text-sm whitespace-pre-line text-slate-800"
              tabIndex={0}
              aria-label={t('kyc.start.consentTitle')}
            >
              {consent.text}
            </div>
          </div>
          <div>
            <label className="flex items-start gap-3">
              <input
                type="checkbox"
                name="consent"
                value="yes"
                required
                className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
                aria-invalid={problem?.fields.consent ? true : undefined}
              />
              <span>{t('kyc.start.consent')}</span>
            </label>
            {problem?.fields.consent && <p className="field-error">{problem.fields.consent}</p>}
          </div>
          <label className="flex items-start gap-3">
            <input
              type="checkbox"
              name="resident"
              value="yes"
              defaultChecked
              className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
            />
            <span>{t('kyc.start.resident')}</span>
          </label>
          <button type="submit" className="button" disabled={busy}>
            {t('kyc.start.submit')}
          </button>
        </Form>
      )}

      {step === 'upload_document' && (
        <Form method="post" encType="multipart/form-data" className="card space-y-4" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="document" />
          <h2 className="text-xl font-semibold">{t('kyc.document.title')}</h2>
          <fieldset>
            <legend className="field-label">{t('kyc.document.type')}</legend>
            <div className="flex flex-wrap gap-4">
              {(['id_card', 'passport'] as const).map((type) => (
                <label key={type} className="flex min-h-11 items-center gap-2">
                  <input
                    type="radio"
                    name="documentType"
                    value={type}
                    checked={documentType === type}
                    onChange={() => {
                      setDocumentType(type);
                    }}
                    className="h-5 w-5 accent-brand-700"
                  />
                  {t(`kyc.document.${type}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <p className="text-sm text-slate-700">{t('kyc.document.tips')}</p>
          {documentType === 'id_card' ? (
            <>
              <ImageInput name="front" label={t('kyc.document.front')} capture="environment" />
              {problem?.fields.front && <p className="field-error">{problem.fields.front}</p>}
              <ImageInput name="back" label={t('kyc.document.back')} capture="environment" />
              {problem?.fields.back && <p className="field-error">{problem.fields.back}</p>}
            </>
          ) : (
            <>
              <ImageInput name="main" label={t('kyc.document.main')} capture="environment" />
              {problem?.fields.main && <p className="field-error">{problem.fields.main}</p>}
            </>
          )}
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('forms.sending') : t('kyc.document.submit')}
          </button>
        </Form>
      )}

      {step === 'liveness' && (
        <Form method="post" encType="multipart/form-data" className="card space-y-4" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="liveness" />
          <h2 className="text-xl font-semibold">{t('kyc.liveness.title')}</h2>
          <p className="text-slate-700">{t('kyc.liveness.tips')}</p>
          <ImageInput name="selfie" label={t('kyc.liveness.selfie')} capture="user" />
          {problem?.fields.selfie && <p className="field-error">{problem.fields.selfie}</p>}
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('forms.sending') : t('kyc.liveness.submit')}
          </button>
        </Form>
      )}

      {step === 'none' && status.status === 'verified' && (
        <div className="card">
          <h2 className="text-xl font-semibold">{t('kyc.done.title')}</h2>
          <p className="mt-2 text-slate-700">{t('kyc.done.text')}</p>
          <Link to={href('/catalog')} className="button mt-4">
            {t('kyc.done.catalog')}
          </Link>
        </div>
      )}
      {status.attemptsUsed > 0 && status.status !== 'verified' && (
        <p className="text-sm text-slate-600">
          {t('kyc.attempts', { used: status.attemptsUsed, left: status.attemptsLeft })}
        </p>
      )}
    </section>
  );
}
