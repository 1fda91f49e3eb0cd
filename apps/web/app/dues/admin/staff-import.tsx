import { useEffect, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Link, useNavigate, useRevalidator } from 'react-router';
import { useLocale } from '../../i18n/use-locale.ts';
import { useRootData } from '../../root.tsx';
import { importUrl, MAX_IMPORT_BYTES, type ImportReport } from './staff-api.ts';

const FIELDS = ['fullName', 'phone', 'email', 'city', 'paidMonths'] as const;
const POLL_INTERVAL_MS = 2000;

type SendState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sending'; readonly dryRun: boolean }
  | { readonly kind: 'error'; readonly message: string };

/** While an import is still running (another tab, a big file), the page asks for its progress again. */
function useProgressPolling(active: boolean): void {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && revalidator.state === 'idle')
        void revalidator.revalidate();
    }, POLL_INTERVAL_MS);
    return () => {
      clearInterval(timer);
    };
  }, [active, revalidator]);
}

/** Counts, progress, row errors and the preview of one import or dry run. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const valid = report.createdMembers + report.updatedMembers;
  const counts = report.dryRun
    ? [
        t('duesStaff.import.counts.rows', { n: report.totalRows }),
        t('duesStaff.import.counts.wouldCreate', { n: report.createdMembers }),
        t('duesStaff.import.counts.wouldUpdate', { n: report.updatedMembers }),
        t('duesStaff.import.counts.errors', { n: new Set(report.errors.map((error) => error.row)).size }),
      ]
    : [
        t('duesStaff.import.counts.rows', { n: report.totalRows }),
        t('duesStaff.import.counts.created', { n: report.createdMembers }),
        t('duesStaff.import.counts.updated', { n: report.updatedMembers }),
        t('duesStaff.import.counts.payments', { n: report.paymentsCreated }),
        t('duesStaff.import.counts.errors', { n: new Set(report.errors.map((error) => error.row)).size }),
      ];
  return (
    <section
      aria-labelledby="import-report-title"
      className="card space-y-4"
      data-testid="import-report"
      data-status={report.status}
      data-dry-run={report.dryRun ? 'true' : 'false'}
    >
      <h2 id="import-report-title" className="text-xl font-semibold">
        {report.dryRun ? t('duesStaff.import.dryRunTitle') : t('duesStaff.import.resultTitle')}
      </h2>
      <p className="font-semibold">{t(`duesStaff.import.status.${report.status}`)}</p>
      {report.dryRun && <p className="text-slate-700">{t('duesStaff.import.dryRunNote')}</p>}
      <div>
        <label htmlFor="import-progress" className="text-sm text-slate-700">
          {t('duesStaff.import.progress', { processed: report.processedRows, total: report.totalRows })}
        </label>
        <progress
          id="import-progress"
          className="mt-1 block h-3 w-full accent-brand-700"
          value={report.processedRows}
          max={Math.max(report.totalRows, 1)}
        />
      </div>
      <ul className="list-disc space-y-1 pl-6">
        {counts.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {report.errors.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-lg font-semibold">{t('duesStaff.import.errorsTitle')}</h3>
          <p className="text-slate-700">{t('duesStaff.import.errorsHint')}</p>
          <ul
            className="divide-y divide-red-200 rounded-lg border border-red-300 bg-red-50"
            data-testid="import-errors"
          >
            {report.errors.map((error) => (
              <li key={`${String(error.row)}-${error.field}`} className="p-3 text-red-950">
                <span className="font-semibold">
                  {t('duesStaff.import.errorRow', {
                    row: error.row,
                    field: (FIELDS as readonly string[]).includes(error.field)
                      ? t(`duesStaff.import.fields.${error.field as (typeof FIELDS)[number]}`)
                      : error.field,
                  })}
                </span>{' '}
                {error.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {report.preview.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-lg font-semibold">{t('duesStaff.import.previewTitle')}</h3>
          <ul className="divide-y divide-slate-200" data-testid="import-preview">
            {report.preview.map((line) => (
              <li key={line.row} className="flex flex-wrap justify-between gap-x-4 py-2">
                <span>
                  <span className="text-slate-600">{t('duesStaff.import.rowNumber', { row: line.row })}</span>{' '}
                  <span className="font-semibold">{line.fullName}</span> · {line.phone}
                </span>
                <span>
                  {t(`duesStaff.import.actions.${line.action}`)}
                  {line.paidMonths.length > 0 ? ` · ${line.paidMonths.join(', ')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {report.dryRun && report.status === 'completed' && valid === 0 && (
        <p className="font-semibold">{t('duesStaff.import.nothingToApply')}</p>
      )}
    </section>
  );
}

/**
 * The file goes from the browser straight to the API as the raw body (what `POST
 * /v1/admin/dues/imports` takes), first as a dry run; the same file is then applied. The web server
 * keeps no copy of the member list.
 */
export function ImportForm({ stored }: { stored: ImportReport | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const root = useRootData();
  const navigate = useNavigate();
  const [state, setState] = useState<SendState>({ kind: 'idle' });
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  // A report this page just received carries the preview; the stored one (after a reload) does not.
  const shown: ImportReport | null =
    report && stored?.id === report.id ? { ...stored, preview: report.preview } : (report ?? stored);
  useProgressPolling(shown?.status === 'running');

  async function send(dryRun: boolean, chosen: File | null) {
    if (!chosen || chosen.size === 0) {
      setState({ kind: 'error', message: t('duesStaff.import.noFile') });
      return;
    }
    if (chosen.size > MAX_IMPORT_BYTES) {
      setState({
        kind: 'error',
        message: t('duesStaff.import.tooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }),
      });
      return;
    }
    setState({ kind: 'sending', dryRun });
    try {
      const response = await fetch(importUrl(dryRun, chosen.name), {
        method: 'POST',
        credentials: 'same-origin',
        // The API recognises CSV or XLSX from the bytes; browsers name CSV types inconsistently.
        headers: {
          'content-type': 'application/octet-stream',
          'accept-language': locale,
          'x-csrf-token': root?.csrfToken ?? '',
        },
        body: chosen,
      });
      const body = (await response.json().catch(() => null)) as (ImportReport & { title?: string }) | null;
      if (!response.ok || !body) {
        setState({ kind: 'error', message: body?.title ?? t('duesStaff.import.failed') });
        return;
      }
      setReport(body);
      setState({ kind: 'idle' });
      if (!dryRun) await navigate(`?import=${body.id}`);
    } catch {
      setState({ kind: 'error', message: t('duesStaff.import.failed') });
    }
  }

  function check(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    void send(true, file);
  }

  const sending = state.kind === 'sending';
  const canApply =
    report?.dryRun === true &&
    report.status === 'completed' &&
    report.createdMembers + report.updatedMembers > 0;
  return (
    <div className="space-y-6">
      <Form
        method="post"
        encType="multipart/form-data"
        className="card space-y-4"
        onSubmit={check}
        noValidate
      >
        <div>
          <label htmlFor="import-file" className="field-label">
            {t('duesStaff.import.file')}
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              setReport(null);
              setState({ kind: 'idle' });
            }}
            aria-invalid={state.kind === 'error' ? true : undefined}
            aria-describedby={`import-file-hint${state.kind === 'error' ? ' import-file-error' : ''}`}
            className="block min-h-12 w-full rounded-lg border border-slate-300 p-2 text-base file:mr-3 file:min-h-10 file:rounded-md file:border-0 file:bg-slate-100 file:px-3"
          />
          <p id="import-file-hint" className="field-hint">
            {t('duesStaff.import.fileHint')}
          </p>
          {state.kind === 'error' && (
            <p id="import-file-error" role="alert" className="field-error">
              {state.message}
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={sending}>
          {sending && state.dryRun ? t('duesStaff.import.checking') : t('duesStaff.import.check')}
        </button>
      </Form>
      {sending && (
        <div role="status" className="card space-y-2">
          <p>{state.dryRun ? t('duesStaff.import.checking') : t('duesStaff.import.applying')}</p>
          <progress className="block h-3 w-full" aria-label={t('duesStaff.import.working')} />
        </div>
      )}
      {shown && <ImportReportView report={shown} />}
      {shown?.status === 'running' && (
        <Link to={`?import=${shown.id}`} className="button-secondary">
          {t('duesStaff.import.refresh')}
        </Link>
      )}
      {canApply && !sending && (
        <div className="card space-y-3">
          <p>{t('duesStaff.import.applyHint')}</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              void send(false, file);
            }}
          >
            {t('duesStaff.import.apply')}
          </button>
        </div>
      )}
    </div>
  );
}
