import { mkdtempSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '@sauda/identity';
import { deliverPendingEvents, ManualClock } from '@sauda/platform';
import {
  createKaspiSimulator,
  createWhatsAppSimulator,
  startSandbox,
  WHATSAPP_SANDBOX_PHONE_NUMBER_ID,
  WHATSAPP_SANDBOX_TOKEN,
  type KaspiSimulator,
  type SandboxServer,
  type SimulatedWhatsAppMessage,
} from '@sauda/sandbox';
import { createTestDatabase, testConfig, type TestContext, freePort } from '@sauda/testing';
import { buildApp } from '../src/app.ts';
import {
  acceptedDocuments,
  asWeb,
  enableTwoFactor,
  nextIp,
  readCode,
  registerVerified,
  webLogin,
  type WebClient,
} from './identity-helpers.ts';

/** Shared setup of the dues-*.test.ts scenarios: the real app, listening, and the sandbox Kaspi and WhatsApp. */

export const DUES_SECRETS = {
  SAUDA_DUES_GATEWAY_API_KEY: 'dues-test-gateway-key',
  SAUDA_DUES_GATEWAY_WEBHOOK_SECRET: 'dues-test-webhook-secret',
};

export interface DuesTestContext extends TestContext {
  readonly sandbox: SandboxServer;
  readonly kaspi: KaspiSimulator;
  readonly whatsapp: { readonly messages: readonly SimulatedWhatsAppMessage[] };
  readonly dataDir: string;
}

export function useDuesApp(
  options: { clock?: ManualClock; env?: Record<string, string>; callbackPort?: number } = {},
): () => DuesTestContext {
  let context: DuesTestContext | undefined;
  beforeAll(async () => {
    const port = await freePort();
    const kaspi = createKaspiSimulator({
      gatewayApiKey: DUES_SECRETS.SAUDA_DUES_GATEWAY_API_KEY,
      webhookSecret: DUES_SECRETS.SAUDA_DUES_GATEWAY_WEBHOOK_SECRET,
    });
    const whatsapp = createWhatsAppSimulator();
    const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, simulators: [kaspi, whatsapp] });
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'dues-data-'));
    const clock = options.clock ?? new ManualClock(new Date());
    const app = await buildApp(
      testConfig(database.url, {
        PUBLIC_URL: `http://127.0.0.1:${options.callbackPort ?? port}`,
        SAUDA_DATA_DIR: dataDir,
        SAUDA_DUES_PAYMENT_PROVIDER: 'gateway',
        SAUDA_DUES_GATEWAY_URL: `${sandbox.url}/kaspi/gateway`,
        WHATSAPP_API_URL: `${sandbox.url}/whatsapp/v21.0`,
        WHATSAPP_PHONE_NUMBER_ID: WHATSAPP_SANDBOX_PHONE_NUMBER_ID,
        WHATSAPP_ACCESS_TOKEN: WHATSAPP_SANDBOX_TOKEN,
        ...DUES_SECRETS,
        ...options.env,
      }),
      { database, clock, startJobs: false },
    );
    await app.listen({ host: '127.0.0.1', port });
    context = { app, database, clock, sandbox, kaspi, whatsapp, dataDir };
  });
  afterAll(async () => {
    await context?.app.close();
    await context?.sandbox.close();
    await context?.database.close();
  });
  return () => {
    if (!context) throw new Error('useDuesApp() context is only available inside tests');
    return context;
  };
}

export interface DuesUser extends WebClient {
  readonly ip: string;
  readonly phone: string;
}

/** A Kazakh mobile number nobody else in the run has. */
export const newPhone = (): string => `+7701${String(randomInt(1_000_000, 9_999_999))}`;

export async function call(
  ctx: TestContext,
  user: DuesUser | undefined,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method,
    url,
    remoteAddress: user?.ip ?? nextIp(),
    headers: { ...(user ? asWeb(user) : {}), 'accept-language': 'ru', ...headers },
    ...(payload === undefined
      ? {}
      : Buffer.isBuffer(payload)
        ? { payload }
        : { payload: payload as Record<string, unknown> }),
  });
}

/** Registers an account by phone (as the dues site does), verifies the SMS code and signs in. */
export async function phoneAccount(
  ctx: TestContext,
  phone = newPhone(),
  fullName = 'Мамедов Эльчин',
): Promise<DuesUser> {
  const ip = nextIp();
  const password = 'correct horse battery staple';
  const registered = await ctx.app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    remoteAddress: ip,
    payload: { phone, fullName, password, locale: 'ru', acceptedDocuments: await acceptedDocuments(ctx) },
  });
  expect(registered.statusCode, registered.body).toBe(202);
  const code = await readCode(ctx)({ phone }, 'verify-phone');
  const verified = await ctx.app.inject({
    method: 'POST',
    url: '/v1/auth/verify',
    remoteAddress: ip,
    payload: { phone, code },
  });
  expect(verified.statusCode, verified.body).toBe(200);
  return { ...(await webLogin(ctx, phone, password)), ip: nextIp(), phone };
}

/** A signed-in member: an account plus the dues membership. */
export async function newMember(
  ctx: TestContext,
  profile: Record<string, unknown> = {},
): Promise<DuesUser & { memberId: string }> {
  const user = await phoneAccount(
    ctx,
    undefined,
    (profile.fullName as string | undefined) ?? 'Мамедов Эльчин',
  );
  const response = await call(ctx, user, 'POST', '/v1/dues/membership', {
    fullName: 'Мамедов Эльчин',
    phone: user.phone,
    city: 'Алматы',
    ...profile,
  });
  expect(response.statusCode, response.body).toBe(201);
  return { ...user, memberId: response.json<{ member: { id: string } }>().member.id };
}

let staffCount = 0;
/** A staff user with the role and the second factor presented in its session. */
export async function newStaff(ctx: TestContext, role: Role): Promise<DuesUser> {
  staffCount += 1;
  const email = `${role}${staffCount}-${Date.now()}@dues.example.kz`;
  await registerVerified(ctx, email);
  const client = await webLogin(ctx, email);
  await ctx.app.sauda.modules.identity.api.changeRole(
    { id: 'cli:test' },
    { userId: client.userId, role, grant: true },
  );
  await enableTwoFactor(ctx, client);
  return { ...client, ip: nextIp(), phone: '' };
}

/** Delivers queued notifications (jobs are off in tests). */
export const deliverMessages = (ctx: TestContext) =>
  deliverPendingEvents(
    ctx.app.sauda.database.db,
    ctx.app.sauda.modules.list.flatMap((module) => module.handlers ?? []),
  );

/** A tiny but real PNG (1×1), as a phone would upload a screenshot of a receipt. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
