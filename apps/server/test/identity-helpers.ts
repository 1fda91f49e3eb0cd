import { expect } from 'vitest';
import type { TestContext } from '@sauda/testing';
import { codeReader, totpCodeAt } from '@sauda/identity/testing';

/** HTTP helpers shared by the identity-*.test.ts scenarios. */

export const DEFAULT_PASSWORD = 'correct horse battery staple';

export interface WebClient {
  readonly cookie: string;
  readonly csrf: string;
  readonly userId: string;
}

/** Cookie header from a response's Set-Cookie lines. */
export function cookieHeader(setCookie: string | string[] | undefined): string {
  const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return lines.map((line) => line.split(';')[0]).join('; ');
}

export async function acceptedDocuments(ctx: TestContext): Promise<{ document: string; version: string }[]> {
  const response = await ctx.app.inject({ url: '/v1/auth/legal-documents' });
  return response.json<{ documents: { document: string; version: string }[] }>().documents.map((doc) => ({
    document: doc.document,
    version: doc.version,
  }));
}

export function readCode(ctx: TestContext) {
  return codeReader({
    db: ctx.database.db,
    encryptor: ctx.app.sauda.encryptor,
    notifications: ctx.app.sauda.modules.notifications.api,
  });
}

let ipCounter = 0;
/** A fresh client address per user, so per-IP abuse counters of one scenario do not leak into another. */
export const nextIp = (): string => {
  ipCounter += 1;
  return `10.1.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
};

/** Registers and verifies an email account; returns its credentials. */
export async function registerVerified(
  ctx: TestContext,
  email: string,
  options: { password?: string; fullName?: string; ip?: string } = {},
): Promise<{ email: string; password: string }> {
  const password = options.password ?? DEFAULT_PASSWORD;
  const remoteAddress = options.ip ?? nextIp();
  const registered = await ctx.app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    remoteAddress,
    payload: {
      email,
      fullName: options.fullName ?? 'Aigerim Nurlanovna',
      password,
      locale: 'ru',
      acceptedDocuments: await acceptedDocuments(ctx),
    },
  });
  expect(registered.statusCode, registered.body).toBe(202);
  const code = await readCode(ctx)({ email }, 'verify-email');
  const verified = await ctx.app.inject({
    method: 'POST',
    url: '/v1/auth/verify',
    remoteAddress,
    payload: { email, code },
  });
  expect(verified.statusCode, verified.body).toBe(200);
  return { email, password };
}

export async function webLogin(
  ctx: TestContext,
  login: string,
  password = DEFAULT_PASSWORD,
  extra: Record<string, string> = {},
): Promise<WebClient> {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    remoteAddress: nextIp(),
    payload: { login, password, ...extra },
  });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json<{ userId: string; csrfToken: string }>();
  return { cookie: cookieHeader(response.headers['set-cookie']), csrf: body.csrfToken, userId: body.userId };
}

/** Headers of a cookie-session request that changes state. */
export const asWeb = (client: WebClient): Record<string, string> => ({
  cookie: client.cookie,
  'x-csrf-token': client.csrf,
});

export async function tokenLogin(
  ctx: TestContext,
  username: string,
  extra: Record<string, string> = {},
): Promise<{ access_token: string; refresh_token: string }> {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/v1/auth/token',
    remoteAddress: nextIp(),
    payload: { grant_type: 'password', username, password: DEFAULT_PASSWORD, ...extra },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** Enrols TOTP for a signed-in web client; returns the secret and the backup codes. */
export async function enableTwoFactor(
  ctx: TestContext,
  client: WebClient,
): Promise<{ secret: string; backupCodes: string[] }> {
  const setup = await ctx.app.inject({
    method: 'POST',
    url: '/v1/me/two-factor/setup',
    headers: asWeb(client),
  });
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret } = setup.json<{ secret: string }>();
  const confirmed = await ctx.app.inject({
    method: 'POST',
    url: '/v1/me/two-factor/confirm',
    headers: asWeb(client),
    payload: { code: totpCodeAt(secret, ctx.clock.now()) },
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return { secret, backupCodes: confirmed.json<{ backupCodes: string[] }>().backupCodes };
}
