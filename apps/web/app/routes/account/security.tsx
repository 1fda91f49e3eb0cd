import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';
import {
  data,
  Form,
  redirect,
  useActionData,
  useLoaderData,
  useNavigation,
  type MetaFunction,
} from 'react-router';
import { callApi, cookieHeaders, field, formOf, loadFromApi, text } from '../../api/api.server.ts';
import type { FormProblem } from '../../api/problem.ts';
import { AltchaChallenge, CHALLENGE_FAILED, CHALLENGE_REQUIRED } from '../../forms/altcha-challenge.tsx';
import { CsrfField, Notice, ProblemAlert, TextField } from '../../forms/fields.tsx';
import { NewPasswordField } from '../../forms/password-field.tsx';
import { formatDateTime } from '../../format.ts';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { requireViewer } from '../../session/session.server.ts';
import { pageMeta } from '../../seo/seo.ts';
import type { ActionArgs, LoaderArgs } from '../../route-args.ts';

interface SessionView {
  readonly id: string;
  readonly kind: string;
  readonly client: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly current: boolean;
}

interface TwoFactorSetup {
  readonly secret: string;
  readonly otpauthUri: string;
  readonly qrCodeDataUrl: string;
}

const SESSION_ID = /^ses_[0-9a-z]+$/;

/**
 * The enrolment the visitor is confirming, from the otpauth URI the confirm form carries back, so a
 * mistyped code shows the same QR code and key again (the API keeps the pending secret; it does not
 * hand it out twice). Anything but a well-formed TOTP URI is ignored.
 */
async function pendingSetup(uri: string): Promise<TwoFactorSetup | undefined> {
  if (uri.length > 512 || !uri.startsWith('otpauth://totp/')) return undefined;
  const secret = URL.parse(uri)?.searchParams.get('secret') ?? '';
  if (!/^[A-Z2-7]{16,128}=*$/.test(secret)) return undefined;
  return { secret, otpauthUri: uri, qrCodeDataUrl: await QRCode.toDataURL(uri) };
}

export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const viewer = await requireViewer(request, context, locale);
  const t = translator(locale);
  const { sessions } = await loadFromApi<{ sessions: SessionView[] }>(context, locale, '/v1/me/sessions');
  return {
    twoFactorEnabled: viewer.twoFactorEnabled,
    backupCodesRemaining: viewer.backupCodesRemaining,
    sessions: sessions.map((session) => ({
      ...session,
      createdAt: formatDateTime(session.createdAt, locale),
      lastSeenAt: formatDateTime(session.lastSeenAt, locale),
    })),
    seo: {
      title: t('account.security.title'),
      description: t('account.security.title'),
      path: '/account/security',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

type Outcome = {
  readonly intent: string;
  readonly problem: FormProblem | null;
  readonly setup?: TwoFactorSetup;
  readonly backupCodes?: readonly string[];
  readonly sessionsRevoked?: number;
};

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  await requireViewer(request, context, locale);
  const form = await formOf(request);
  const csrfToken = field(form, 'csrf');
  const intent = text(form, 'intent');
  const altcha = field(form, 'altcha');
  const fail = (problem: FormProblem, status: number) => data<Outcome>({ intent, problem }, { status });

  switch (intent) {
    case 'password': {
      const result = await callApi<{ sessionsRevoked: number }>(context, locale, 'POST', '/v1/me/password', {
        csrfToken,
        body: {
          currentPassword: text(form, 'currentPassword'),
          newPassword: text(form, 'newPassword'),
          ...(altcha ? { altcha } : {}),
        },
      });
      if (!result.ok) return fail(result.form, result.status);
      return data<Outcome>({ intent, problem: null, sessionsRevoked: result.data.sessionsRevoked });
    }
    case 'two-factor-setup': {
      const result = await callApi<TwoFactorSetup>(context, locale, 'POST', '/v1/me/two-factor/setup', {
        csrfToken,
      });
      if (!result.ok) return fail(result.form, result.status);
      return data<Outcome>({ intent, problem: null, setup: result.data });
    }
    case 'two-factor-confirm':
    case 'backup-codes': {
      const path =
        intent === 'two-factor-confirm' ? '/v1/me/two-factor/confirm' : '/v1/me/two-factor/backup-codes';
      const result = await callApi<{ backupCodes: string[] }>(context, locale, 'POST', path, {
        csrfToken,
        body: { code: field(form, 'code') },
      });
      if (!result.ok && intent === 'two-factor-confirm') {
        const setup = await pendingSetup(field(form, 'otpauthUri'));
        return data<Outcome>(
          { intent, problem: result.form, ...(setup ? { setup } : {}) },
          { status: result.status },
        );
      }
      if (!result.ok) return fail(result.form, result.status);
      return data<Outcome>({ intent, problem: null, backupCodes: result.data.backupCodes });
    }
    case 'two-factor-disable': {
      const result = await callApi(context, locale, 'POST', '/v1/me/two-factor/disable', {
        csrfToken,
        body: { password: text(form, 'password'), code: field(form, 'code') },
      });
      if (!result.ok) return fail(result.form, result.status);
      return data<Outcome>({ intent, problem: null });
    }
    case 'revoke': {
      const id = field(form, 'sessionId');
      const result = await callApi(
        context,
        locale,
        'DELETE',
        `/v1/me/sessions/${SESSION_ID.test(id) ? id : 'ses_invalid'}`,
        {
          csrfToken,
        },
      );
      if (!result.ok) return fail(result.form, result.status);
      // Ending this very session signs the visitor out: the API cleared the cookies.
      if (form.get('current') === 'yes')
        throw redirect(`/${locale}`, { headers: cookieHeaders(result.setCookies) });
      return data<Outcome>({ intent, problem: null });
    }
    case 'delete-account': {
      const result = await callApi(context, locale, 'POST', '/v1/me/deletion', {
        csrfToken,
        body: { password: text(form, 'password') },
      });
      if (!result.ok) return fail(result.form, result.status);
      throw redirect(`/${locale}`, { headers: cookieHeaders(result.setCookies) });
    }
  }
  return data<Outcome>({ intent, problem: null }, { status: 400 });
}

function BackupCodes({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <div className="rounded-lg border border-amber-400 bg-amber-50 p-3">
      <p className="font-semibold text-amber-900">{t('account.security.backupCodesTitle')}</p>
      <p className="text-sm text-amber-900">{t('account.security.backupCodesText')}</p>
      <ul className="mt-2 grid grid-cols-2 gap-1 font-mono">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </div>
  );
}

export default function Security() {
  const { twoFactorEnabled, backupCodesRemaining, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const busy = navigation.state === 'submitting';
  const problemFor = (...intents: string[]) =>
    result && intents.includes(result.intent) ? result.problem : null;
  const passwordProblem = problemFor('password');
  const setup = result?.intent.startsWith('two-factor-') ? result.setup : undefined;
  const confirmProblem = problemFor('two-factor-confirm');
  const showConfirm = setup ?? (confirmProblem ? ({} as Partial<TwoFactorSetup>) : undefined);

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t('account.security.title')}</h1>

      <section className="card space-y-4" aria-labelledby="password-title">
        <h2 id="password-title" className="text-xl font-semibold">
          {t('account.security.password')}
        </h2>
        <ProblemAlert problem={passwordProblem} />
        {result?.intent === 'password' && !result.problem && (
          <Notice>{t('account.security.passwordChanged', { sessions: result.sessionsRevoked ?? 0 })}</Notice>
        )}
        <Form method="post" className="space-y-3" noValidate>
          <CsrfField />
          <TextField
            name="currentPassword"
            type="password"
            label={t('account.profile.currentPassword')}
            autoComplete="current-password"
            maxLength={256}
            required
            error={passwordProblem?.fields.currentPassword}
          />
          <NewPasswordField
            name="newPassword"
            label={t('auth.fields.newPassword')}
            error={passwordProblem?.fields.newPassword}
          />
          {(passwordProblem?.code === CHALLENGE_REQUIRED || passwordProblem?.code === CHALLENGE_FAILED) && (
            <AltchaChallenge />
          )}
          <button type="submit" name="intent" value="password" className="button" disabled={busy}>
            {t('account.security.changePassword')}
          </button>
        </Form>
      </section>

      <section className="card space-y-4" aria-labelledby="two-factor-title">
        <h2 id="two-factor-title" className="text-xl font-semibold">
          {t('account.security.twoFactor')}
        </h2>
        <p className="text-slate-700">
          {twoFactorEnabled
            ? t('account.security.twoFactorOn', { remaining: backupCodesRemaining })
            : t('account.security.twoFactorOff')}
        </p>
        <ProblemAlert
          problem={problemFor('two-factor-setup', 'two-factor-confirm', 'backup-codes', 'two-factor-disable')}
        />
        {result?.backupCodes && <BackupCodes codes={result.backupCodes} />}
        {result?.intent === 'two-factor-disable' && !result.problem && (
          <Notice>{t('account.security.twoFactorDisabled')}</Notice>
        )}
        {!twoFactorEnabled && !showConfirm && (
          <Form method="post">
            <CsrfField />
            <button type="submit" name="intent" value="two-factor-setup" className="button" disabled={busy}>
              {t('account.security.enableTwoFactor')}
            </button>
          </Form>
        )}
        {!twoFactorEnabled && showConfirm && (
          <Form method="post" className="space-y-3" noValidate>
            <CsrfField />
            <p>{t('account.security.scanQr')}</p>
            {showConfirm.qrCodeDataUrl && (
              <img
                src={showConfirm.qrCodeDataUrl}
                alt={t('account.security.qrAlt')}
                width={200}
                height={200}
                className="rounded-lg border border-slate-300"
              />
            )}
            {showConfirm.otpauthUri && (
              <input type="hidden" name="otpauthUri" value={showConfirm.otpauthUri} />
            )}
            {showConfirm.secret && (
              <p className="text-sm">
                {t('account.security.secret')}{' '}
                <code className="font-mono break-all">{showConfirm.secret}</code>
              </p>
            )}
            <TextField
              name="code"
              label={t('account.security.appCode')}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={32}
              required
              error={confirmProblem?.fields.code}
            />
            <button type="submit" name="intent" value="two-factor-confirm" className="button" disabled={busy}>
              {t('account.security.confirmTwoFactor')}
            </button>
          </Form>
        )}
        {twoFactorEnabled && (
          <div className="grid gap-4 md:grid-cols-2">
            <Form method="post" className="space-y-3" noValidate>
              <CsrfField />
              <h3 className="font-semibold">{t('account.security.newBackupCodes')}</h3>
              <TextField
                name="code"
                label={t('account.security.appCode')}
                autoComplete="one-time-code"
                maxLength={32}
                required
              />
              <button
                type="submit"
                name="intent"
                value="backup-codes"
                className="button-secondary"
                disabled={busy}
              >
                {t('account.security.regenerate')}
              </button>
            </Form>
            <Form method="post" className="space-y-3" noValidate>
              <CsrfField />
              <h3 className="font-semibold">{t('account.security.disableTwoFactor')}</h3>
              <TextField
                name="password"
                type="password"
                label={t('account.profile.currentPassword')}
                autoComplete="current-password"
                maxLength={256}
                required
              />
              <TextField
                name="code"
                label={t('account.security.appCode')}
                autoComplete="one-time-code"
                maxLength={32}
                required
              />
              <button
                type="submit"
                name="intent"
                value="two-factor-disable"
                className="button-danger"
                disabled={busy}
              >
                {t('account.security.disable')}
              </button>
            </Form>
          </div>
        )}
      </section>

      <section className="card space-y-4" aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="text-xl font-semibold">
          {t('account.security.sessions')}
        </h2>
        <p className="text-slate-700">{t('account.security.sessionsText')}</p>
        <ProblemAlert problem={problemFor('revoke')} />
        <ul className="divide-y divide-slate-200">
          {sessions.map((session) => (
            <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="font-medium">
                  {t(
                    `account.security.kinds.${session.kind === 'device' ? 'device' : session.kind === 'api' ? 'api' : 'web'}`,
                  )}
                  {' · '}
                  {session.client}
                  {session.current && (
                    <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-sm text-brand-800">
                      {t('account.security.thisSession')}
                    </span>
                  )}
                </p>
                <p className="truncate text-sm text-slate-600">{session.userAgent ?? '—'}</p>
                <p className="text-sm text-slate-600">
                  {t('account.security.lastSeen', { time: session.lastSeenAt, ip: session.ip ?? '—' })}
                </p>
              </div>
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="sessionId" value={session.id} />
                <input type="hidden" name="current" value={session.current ? 'yes' : 'no'} />
                <button
                  type="submit"
                  name="intent"
                  value="revoke"
                  className="button-danger"
                  aria-label={t('account.security.revokeLabel', {
                    client: session.client,
                    time: session.lastSeenAt,
                  })}
                >
                  {t('account.security.revoke')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>

      <section className="card space-y-3 border-red-300" aria-labelledby="delete-title">
        <h2 id="delete-title" className="text-xl font-semibold">
          {t('account.security.deleteTitle')}
        </h2>
        <p className="text-slate-700">{t('account.security.deleteText')}</p>
        <ProblemAlert problem={problemFor('delete-account')} />
        <details>
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-red-800 underline">
            {t('account.security.deleteOpen')}
          </summary>
          <Form method="post" className="mt-3 space-y-3" noValidate>
            <CsrfField />
            <TextField
              name="password"
              type="password"
              label={t('account.profile.currentPassword')}
              autoComplete="current-password"
              maxLength={256}
              required
            />
            <button type="submit" name="intent" value="delete-account" className="button-danger">
              {t('account.security.deleteConfirm')}
            </button>
          </Form>
        </details>
      </section>
    </div>
  );
}
