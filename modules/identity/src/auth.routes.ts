import type {} from '@fastify/cookie';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError, PlatformErrors } from '@sauda/platform';
import type { AuthGuards } from './auth-guards.ts';
import { currentUser } from './auth-guards.ts';
import { cancelDeletion } from './cancel-deletion.ts';
import { pollDeviceToken, requestDeviceCode } from './device-authorization.ts';
import {
  Accepted,
  CancelDeletionBody,
  ChallengeResponse,
  ContactBody,
  DeviceCodeBody,
  DeviceCodeResponse,
  Done,
  JwksResponse,
  LegalDocumentsResponse,
  LoginBody,
  LoginResponse,
  PasswordResetBody,
  RegisterBody,
  TokenBody,
  TokenResponse,
  VerificationSent,
  VerifyBody,
} from './identity.contracts.ts';
import type { IdentityContext } from './identity.context.ts';
import { logIn } from './log-in.ts';
import { revokeOwnSession } from './manage-sessions.ts';
import { CODE_TTL_MINUTES } from './one-time-codes.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './principal.ts';
import { refreshTokenGrant } from './refresh-tokens.ts';
import { registerUser } from './register-user.ts';
import { requestPasswordReset, resetPassword } from './reset-password.ts';
import type { WebSession } from './start-session.ts';
import { currentLegalDocuments } from './users.repository.ts';
import { resendVerification, verifyContact } from './verify-contact.ts';

const tags = ['authentication'];
/** Per-IP request budget of the credential endpoints, on top of the per-account failure counters. */
const strictLimit = { rateLimit: { max: 20, timeWindow: 60_000 } };
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  428: { $ref: 'Problem#' },
  429: { $ref: 'Problem#' },
};

export const WEB_CLIENT = 'web';

export function setSessionCookies(reply: FastifyReply, session: WebSession): void {
  const common = { path: '/', secure: true, sameSite: 'lax' as const, expires: session.expiresAt };
  void reply.setCookie(SESSION_COOKIE, session.sessionToken, { ...common, httpOnly: true });
  void reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true, sameSite: 'lax', httpOnly: true });
  void reply.clearCookie(CSRF_COOKIE, { path: '/', secure: true, sameSite: 'lax' });
}

/**
 * Sign-up, verification, sign-in, tokens, password reset, cancelling a deletion: the endpoints
 * that take credentials.
 */
export function authRoutes(ctx: IdentityContext, guards: AuthGuards) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/.well-known/jwks.json',
      {
        config: { rateLimit: false },
        schema: {
          tags,
          summary: 'Public keys that verify access tokens (JWKS)',
          response: { 200: JwksResponse },
        },
      },
      async () => {
        const { keys } = await ctx.accessTokens.jwks();
        return {
          keys: keys.map((key) => ({
            ...key,
            kty: key.kty ?? 'EC',
            alg: key.alg ?? 'ES256',
            use: key.use ?? 'sig',
          })),
        };
      },
    );

    app.get(
      '/v1/auth/legal-documents',
      {
        schema: {
          tags,
          summary: 'Current versions of the terms and the privacy policy',
          response: { 200: LegalDocumentsResponse },
        },
      },
      async () => ({
        documents: (await currentLegalDocuments(ctx.db, ctx.clock.now())).map((doc) => ({
          document: doc.document,
          version: doc.version,
          url: doc.url,
          publishedAt: doc.publishedAt.toISOString(),
        })),
      }),
    );

    app.get(
      '/v1/auth/challenge',
      {
        config: strictLimit,
        schema: {
          tags,
          summary: 'A new ALTCHA proof-of-work challenge',
          response: { 200: ChallengeResponse },
        },
      },
      async () => {
        const challenge = await ctx.abuse.challenge();
        return { parameters: { ...challenge.parameters }, signature: challenge.signature };
      },
    );

    app.post(
      '/v1/auth/register',
      {
        config: strictLimit,
        schema: {
          tags,
          summary: 'Register by phone and/or email; sends verification codes',
          body: RegisterBody,
          response: { 202: VerificationSent, ...errors },
        },
      },
      async (request, reply) => {
        const result = await registerUser(ctx, request.body, request.context());
        return reply.status(202).send({
          status: 'verification-sent' as const,
          channels: [...result.channels],
          codeExpiresInSeconds: CODE_TTL_MINUTES * 60,
        });
      },
    );

    app.post(
      '/v1/auth/verify',
      {
        config: strictLimit,
        schema: {
          tags,
          summary: 'Confirm a phone or email with its code',
          body: VerifyBody,
          response: { 200: Done, ...errors },
        },
      },
      async (request) => {
        await verifyContact(ctx, request.body, request.context());
        return { status: 'ok' as const };
      },
    );

    app.post(
      '/v1/auth/verify/resend',
      {
        config: strictLimit,
        schema: {
          tags,
          summary: 'Send a new verification code',
          body: ContactBody,
          response: { 202: Accepted, ...errors },
        },
      },
      async (request, reply) => {
        const result = await resendVerification(ctx, request.body);
        return reply.status(202).send({ status: 'accepted' as const, ...result });
      },
    );

    app.post(
      '/v1/auth/login',
      {
        config: strictLimit,
        schema: {
          tags,
          summary: 'Web sign-in: sets the session and CSRF cookies',
          body: LoginBody,
          response: { 200: LoginResponse, ...errors },
        },
      },
      async (request, reply) => {
        const result = await logIn(ctx, request.body, { kind: 'web' }, request.context());
        if (result.kind !== 'web') throw new AppError(PlatformErrors.PLATFORM_INTERNAL);
        setSessionCookies(reply, result.session);
        return {
          userId: result.userId,
          csrfToken: result.session.csrfToken,
          expiresAt: result.session.expiresAt.toISOString(),
        };
      },
    );

    app.post(
      '/v1/auth/logout',
      {
        preHandler: guards.requireUser,
        schema: {
          tags,
          summary: 'End the current session (cookie or token family)',
          security: [{ cookie: [] as string[] }, { bearer: [] as string[] }],
          response: { 200: Done, ...errors },
        },
      },
      async (request, reply) => {
        const user = currentUser(request);
        if (!user.sessionId) throw new AppError(PlatformErrors.PLATFORM_FORBIDDEN);
        await revokeOwnSession(ctx, user.id, user.sessionId, 'logout', request.context());
        clearSessionCookies(reply);
        return { status: 'ok' as const };
      },
    );

    app.post(
      '/v1/auth/token',
      {
        config: strictLimit,
        schema: {
          tags,
          summary: 'OAuth 2.0 token endpoint: password, refresh_token and device_code grants',
          body: TokenBody,
          response: { 200: TokenResponse, ...errors },
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        const body = request.body;
        const context = request.context();
        const missing = (field: string): AppError =>
          new AppError(PlatformErrors.PLATFORM_VALIDATION, {
            errors: [{ path: `body/${field}`, message: `${field} is required for ${body.grant_type}` }],
          });
        if (body.grant_type === 'refresh_token') {
          if (!body.refresh_token) throw missing('refresh_token');
          return refreshTokenGrant(ctx, body.refresh_token, context);
        }
        if (body.grant_type === 'password') {
          if (!body.username) throw missing('username');
          if (body.password === undefined) throw missing('password');
          const result = await logIn(
            ctx,
            { login: body.username, password: body.password, secondFactor: body.otp, altcha: body.altcha },
            { kind: 'api', client: body.client_id ?? 'api' },
            context,
          );
          if (result.kind !== 'api') throw new AppError(PlatformErrors.PLATFORM_INTERNAL);
          return result.tokens;
        }
        if (!body.device_code) throw missing('device_code');
        return pollDeviceToken(ctx, { deviceCode: body.device_code, clientId: body.client_id }, context);
      },
    );

    app.post(
      '/v1/auth/device/code',
      {
        config: strictLimit,
        schema: {
          tags,
          summary: 'Device authorization request (RFC 8628): a user code for the cabinet',
          body: DeviceCodeBody,
          response: { 200: DeviceCodeResponse, ...errors },
        },
      },
      async (request) =>
        requestDeviceCode(ctx, { clientId: request.body.client_id, scope: request.body.scope }),
    );

    app.post(
      '/v1/auth/password/forgot',
      {
        config: strictLimit,
        schema: {
          tags,
          summary: 'Send a password reset code',
          body: ContactBody,
          response: { 202: Accepted, ...errors },
        },
      },
      async (request, reply) => {
        const result = await requestPasswordReset(ctx, request.body, request.context());
        return reply.status(202).send({ status: 'accepted' as const, ...result });
      },
    );

    app.post(
      '/v1/auth/password/reset',
      {
        config: strictLimit,
        schema: {
          tags,
          summary: 'Set a new password with the reset code; ends every session',
          body: PasswordResetBody,
          response: { 200: Done, ...errors },
        },
      },
      async (request) => {
        await resetPassword(ctx, request.body, request.context());
        return { status: 'ok' as const };
      },
    );

    app.post(
      '/v1/auth/deletion/cancel',
      {
        config: strictLimit,
        schema: {
          tags,
          summary: 'Take back a deletion request during its grace period (with the sign-in credentials)',
          description:
            'The deletion request ended every session and sign-in is refused until this succeeds, so the ' +
            'request carries the same credentials as a sign-in. Afterwards sign in as usual.',
          body: CancelDeletionBody,
          response: { 200: Done, ...errors, 409: { $ref: 'Problem#' } },
        },
      },
      async (request) => {
        await cancelDeletion(ctx, request.body, request.context());
        return { status: 'ok' as const };
      },
    );
  };
}
