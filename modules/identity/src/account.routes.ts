import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';
import { currentUser, type AuthGuards } from './auth-guards.ts';
import { clearSessionCookies } from './auth.routes.ts';
import { confirmContactChange, requestContactChange } from './change-contact.ts';
import { changePassword } from './change-password.ts';
import { requestDeletion } from './delete-account.ts';
import { decideDeviceRequest, describeDeviceRequest } from './device-authorization.ts';
import {
  ApiKeyParams,
  ApiKeysResponse,
  BackupCodesResponse,
  ChangeEmailBody,
  ChangePasswordBody,
  ChangePhoneBody,
  CodeBody,
  ConfirmChangeBody,
  ContactChangeStarted,
  CreateApiKeyBody,
  CreatedApiKey,
  DeletionResponse,
  DeviceRequestResponse,
  DisableTwoFactorBody,
  Done,
  MeResponse,
  PasswordBody,
  PasswordChanged,
  ProfileResponse,
  SessionKindQuery,
  SessionParams,
  SessionsResponse,
  StepUpResponse,
  TwoFactorSetupResponse,
  UpdateProfileBody,
  UserCodeBody,
  UserCodeQuery,
} from './identity.contracts.ts';
import type { IdentityContext } from './identity.context.ts';
import { listSessions, revokeOwnSession } from './manage-sessions.ts';
import { CODE_TTL_MINUTES } from './one-time-codes.ts';
import { getProfile } from './profile.ts';
import { updateProfile } from './update-profile.ts';
import { IdentityPermissions } from './roles.ts';
import { ACCOUNT_STEP_UP_SECONDS, requireAccountStepUp } from './step-up.ts';
import {
  confirmTwoFactor,
  disableTwoFactor,
  regenerateBackupCodes,
  startTwoFactorSetup,
  stepUp,
} from './two-factor.ts';

const security: Record<string, string[]>[] = [{ cookie: [] }, { bearer: [] }];
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  429: { $ref: 'Problem#' },
};
/** How the contact-change routes step up, for their OpenAPI description. */
const STEP_UP_NOTE =
  `With two-factor authentication on, a second factor presented in this session within the last ` +
  `${String(ACCOUNT_STEP_UP_SECONDS / 60)} minutes (POST /v1/auth/step-up) is needed, else 403 ` +
  'IDENTITY_STEP_UP_REQUIRED. Without it, send the current `password`, else 403 ' +
  'IDENTITY_PASSWORD_CONFIRMATION_REQUIRED. The answer is the same whether or not the new address ' +
  'belongs to another account.';
/** Routes that count failures may demand an ALTCHA proof of work. */
const withChallenge = { ...errors, 428: { $ref: 'Problem#' } };

/**
 * The signed-in user's own account: profile, sessions and devices, 2FA, API keys, deletion, and
 * changes of email, phone and password.
 */
export function accountRoutes(ctx: IdentityContext, guards: AuthGuards) {
  const manage = guards.requirePermission(IdentityPermissions.accountManage);
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['account'];

    app.get(
      '/v1/me',
      {
        preHandler: guards.requirePermission(IdentityPermissions.profileRead),
        schema: {
          tags,
          summary: 'The signed-in user and what this request may do',
          security,
          response: { 200: MeResponse, ...errors },
        },
      },
      async (request) => {
        const user = currentUser(request);
        return {
          profile: await getProfile(ctx, user.id),
          permissions: [...user.permissions],
          scopes: [...user.scopes],
          authMethod: user.authMethod,
          secondFactorAt: user.secondFactorAt?.toISOString() ?? null,
        };
      },
    );

    app.patch(
      '/v1/me',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'Change the name or the language of messages (email, SMS, notices)',
          description:
            'Contacts and the password have their own routes (they need verification). Saving the ' +
            'values the account already has changes nothing. Answers the profile as GET /v1/me does.',
          security,
          body: UpdateProfileBody,
          response: { 200: ProfileResponse, ...errors },
        },
      },
      async (request) => {
        const { id } = currentUser(request);
        await updateProfile(ctx, id, request.body, request.context());
        return getProfile(ctx, id);
      },
    );

    app.get(
      '/v1/me/sessions',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'Live sessions: web sign-ins, API clients and authorized devices',
          security,
          querystring: SessionKindQuery,
          response: { 200: SessionsResponse, ...errors },
        },
      },
      async (request) => {
        const user = currentUser(request);
        return { sessions: await listSessions(ctx, user.id, user.sessionId, request.query.kind) };
      },
    );

    app.delete(
      '/v1/me/sessions/:sessionId',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'Revoke a session or device',
          security,
          params: SessionParams,
          response: { 200: Done, ...errors },
        },
      },
      async (request, reply) => {
        const user = currentUser(request);
        await revokeOwnSession(ctx, user.id, request.params.sessionId, 'revoked-by-user', request.context());
        if (request.params.sessionId === user.sessionId && user.authMethod === 'session')
          clearSessionCookies(reply);
        return { status: 'ok' as const };
      },
    );

    app.post(
      '/v1/auth/step-up',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'Present a second factor now, for actions guarded by step-up',
          security,
          body: CodeBody,
          response: { 200: StepUpResponse, ...errors },
        },
      },
      async (request) => {
        const result = await stepUp(ctx, currentUser(request), request.body.code, request.context());
        return { secondFactorAt: result.secondFactorAt.toISOString() };
      },
    );

    app.post(
      '/v1/me/two-factor/setup',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'Start TOTP enrolment: secret, otpauth URI, QR code',
          security,
          response: { 200: TwoFactorSetupResponse, ...errors },
        },
      },
      async (request) => startTwoFactorSetup(ctx, currentUser(request).id),
    );

    app.post(
      '/v1/me/two-factor/confirm',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'Confirm enrolment with a code; returns backup codes once',
          security,
          body: CodeBody,
          response: { 200: BackupCodesResponse, ...errors },
        },
      },
      async (request) => confirmTwoFactor(ctx, currentUser(request), request.body.code, request.context()),
    );

    app.post(
      '/v1/me/two-factor/backup-codes',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'Replace the backup codes (needs a current code)',
          security,
          body: CodeBody,
          response: { 200: BackupCodesResponse, ...errors },
        },
      },
      async (request) =>
        regenerateBackupCodes(ctx, currentUser(request).id, request.body.code, request.context()),
    );

    app.post(
      '/v1/me/two-factor/disable',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'Turn two-factor authentication off (password and code)',
          security,
          body: DisableTwoFactorBody,
          response: { 200: Done, ...errors },
        },
      },
      async (request) => {
        await disableTwoFactor(ctx, currentUser(request).id, request.body, request.context());
        return { status: 'ok' as const };
      },
    );

    app.get(
      '/v1/auth/device',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'What a device asks for, by its user code',
          security,
          querystring: UserCodeQuery,
          response: { 200: DeviceRequestResponse, ...errors },
        },
      },
      async (request) => describeDeviceRequest(ctx, request.query.user_code),
    );

    for (const [path, approve] of [
      ['/v1/auth/device/approve', true],
      ['/v1/auth/device/deny', false],
    ] as const) {
      app.post(
        path,
        {
          preHandler: manage,
          schema: {
            tags,
            summary: approve ? 'Approve a device by its user code' : 'Deny a device by its user code',
            security,
            body: UserCodeBody,
            response: { 200: Done, ...errors },
          },
        },
        async (request) => {
          await decideDeviceRequest(
            ctx,
            currentUser(request),
            { userCode: request.body.userCode, approve },
            request.context(),
          );
          return { status: 'ok' as const };
        },
      );
    }

    const keys = guards.requirePermission(IdentityPermissions.apiKeysManage);
    app.get(
      '/v1/me/api-keys',
      {
        preHandler: keys,
        schema: {
          tags,
          summary: 'Your API keys (never the secrets)',
          security,
          response: { 200: ApiKeysResponse, ...errors },
        },
      },
      async (request) => ({ apiKeys: await listApiKeys(ctx, currentUser(request).id) }),
    );

    app.post(
      '/v1/me/api-keys',
      {
        preHandler: keys,
        schema: {
          tags,
          summary: 'Create an API key; the key is in this response only',
          security,
          body: CreateApiKeyBody,
          response: { 201: CreatedApiKey, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createApiKey(ctx, currentUser(request), request.body, request.context());
        return reply.status(201).send({ ...created, scopes: [...created.scopes] });
      },
    );

    app.delete(
      '/v1/me/api-keys/:keyId',
      {
        preHandler: keys,
        schema: {
          tags,
          summary: 'Revoke an API key',
          security,
          params: ApiKeyParams,
          response: { 200: Done, ...errors },
        },
      },
      async (request) => {
        await revokeApiKey(ctx, currentUser(request).id, request.params.keyId, request.context());
        return { status: 'ok' as const };
      },
    );

    app.post(
      '/v1/me/deletion',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'Request deletion of the account; signs out everywhere',
          security,
          body: PasswordBody,
          response: { 202: DeletionResponse, ...errors },
        },
      },
      async (request, reply) => {
        const result = await requestDeletion(
          ctx,
          currentUser(request).id,
          request.body.password,
          request.context(),
        );
        clearSessionCookies(reply);
        return reply.status(202).send(result);
      },
    );

    const contactStepUp = requireAccountStepUp(ctx, guards, manage);
    const codeSent = (channel: 'email' | 'sms', retryAfterSeconds: number) => ({
      status: 'code-sent' as const,
      channel,
      codeExpiresInSeconds: CODE_TTL_MINUTES * 60,
      retryAfterSeconds,
    });

    app.post(
      '/v1/me/email',
      {
        preHandler: contactStepUp,
        schema: {
          tags,
          summary: 'Change the email: sends a code to the new address (needs step-up)',
          description: STEP_UP_NOTE,
          security,
          body: ChangeEmailBody,
          response: { 202: ContactChangeStarted, ...withChallenge },
        },
      },
      async (request, reply) => {
        const { email, password, altcha } = request.body;
        const sent = await requestContactChange(
          ctx,
          currentUser(request),
          { kind: 'email', address: email, password, altcha },
          request.context(),
        );
        return reply.status(202).send(codeSent(sent.channel, sent.retryAfterSeconds));
      },
    );

    app.post(
      '/v1/me/phone',
      {
        preHandler: contactStepUp,
        schema: {
          tags,
          summary: 'Change the phone number: sends a code to the new number (needs step-up)',
          description: STEP_UP_NOTE,
          security,
          body: ChangePhoneBody,
          response: { 202: ContactChangeStarted, ...withChallenge },
        },
      },
      async (request, reply) => {
        const { phone, password, altcha } = request.body;
        const sent = await requestContactChange(
          ctx,
          currentUser(request),
          { kind: 'phone', address: phone, password, altcha },
          request.context(),
        );
        return reply.status(202).send(codeSent(sent.channel, sent.retryAfterSeconds));
      },
    );

    for (const kind of ['email', 'phone'] as const) {
      app.post(
        `/v1/me/${kind}/confirm`,
        {
          preHandler: manage,
          schema: {
            tags,
            summary: `Confirm the new ${kind === 'email' ? 'email' : 'phone number'} with the code sent to it`,
            security,
            body: ConfirmChangeBody,
            response: { 200: Done, ...withChallenge },
          },
        },
        async (request) => {
          await confirmContactChange(
            ctx,
            currentUser(request),
            { kind, code: request.body.code, altcha: request.body.altcha },
            request.context(),
          );
          return { status: 'ok' as const };
        },
      );
    }

    app.post(
      '/v1/me/password',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'Change the password (current one needed); ends every other session',
          security,
          body: ChangePasswordBody,
          response: { 200: PasswordChanged, ...withChallenge },
        },
      },
      async (request) => {
        const result = await changePassword(ctx, currentUser(request), request.body, request.context());
        return { status: 'ok' as const, sessionsRevoked: result.sessionsRevoked };
      },
    );
  };
}
