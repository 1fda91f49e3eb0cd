import { useTranslation } from 'react-i18next';
import type { AuditLine } from './staff-format.ts';

function Json({ label, text }: { label: string; text: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="min-w-0">
      <p className="text-sm font-semibold text-slate-700">{label}</p>
      {text === null ? (
        <p className="text-sm text-slate-600">{t('duesStaff.audit.nothing')}</p>
      ) : (
        // Wrapped, not scrolled sideways: long ids and reasons stay readable on a phone.
        <pre className="mt-1 overflow-x-auto rounded-lg bg-slate-100 p-3 font-mono text-sm break-words whitespace-pre-wrap">
          {text}
        </pre>
      )}
    </div>
  );
}

/** Audit entries, newest first: who did what to which record, and the record before and after. */
export function AuditList({ lines }: { lines: readonly AuditLine[] }) {
  const { t } = useTranslation();
  if (lines.length === 0) return <p className="text-slate-700">{t('duesStaff.audit.empty')}</p>;
  return (
    <ol className="space-y-4" data-testid="audit-list">
      {lines.map((line) => (
        <li key={line.seq} className="card space-y-3" data-action={line.rawAction}>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="font-semibold">
              {line.action ? t(`duesStaff.audit.actions.${line.action}`) : line.rawAction}
            </p>
            <p className="text-sm text-slate-700">{line.when}</p>
          </div>
          <dl className="grid gap-1 text-sm sm:grid-cols-[auto_1fr] sm:gap-x-3">
            <dt className="text-slate-600">{t('duesStaff.audit.actor')}</dt>
            <dd className="font-mono break-all">{line.actor}</dd>
            <dt className="text-slate-600">{t('duesStaff.audit.entity')}</dt>
            <dd className="font-mono break-all">
              {line.entityType}
              {line.entityId ? ` · ${line.entityId}` : ''}
            </dd>
          </dl>
          <div className="grid gap-3 md:grid-cols-2">
            <Json label={t('duesStaff.audit.before')} text={line.before} />
            <Json label={t('duesStaff.audit.after')} text={line.after} />
          </div>
        </li>
      ))}
    </ol>
  );
}
