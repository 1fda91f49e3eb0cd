import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { KYC_CONSENT, type KycStatusView } from '@sauda/kyc';
import { createLogger, ManualClock } from '@sauda/platform';
import {
  createKycAggregatorSimulator,
  startSandbox,
  SYNTHETIC_PERSONS,
  type KycAggregatorOptions,
  type KycAggregatorSimulator,
  type SandboxServer,
} from '@sauda/sandbox';
import { createTestDatabase, testConfig, type TestContext, freePort } from '@sauda/testing';
import { buildApp, type SaudaApp } from '../src/app.ts';
import {
  asWeb,
  enableTwoFactor,
  nextIp,
  registerVerified,
  webLogin,
  type WebClient,
} from './identity-helpers.ts';

/** Shared setup of the kyc-*.test.ts scenarios: the real app, listening, and the sandbox aggregator over HTTP. */

export const KYC_SECRETS = {
  SAUDA_KYC_PROVIDER_API_KEY: 'kyc-test-key',
  SAUDA_KYC_PROVIDER_API_SECRET: 'kyc-test-api-secret',
  SAUDA_KYC_WEBHOOK_SECRET: 'kyc-test-webhook-secret',
};

export interface KycTestContext extends TestContext {
  readonly sandbox: SandboxServer;
  readonly simulator: KycAggregatorSimulator;
  readonly documentsDir: string;
  /** Every log line the app wrote (level trace), when `captureLogs` was set. */
  readonly logs: string[];
}

export function useKycApp(
  options: {
    env?: Record<string, string>;
    simulator?: KycAggregatorOptions;
    captureLogs?: boolean;
    /** Where the aggregator posts decisions; default the app itself. */
    callbackPort?: number;
    configure?: (app: SaudaApp) => void;
  } = {},
): () => KycTestContext {
  let context: KycTestContext | undefined;
  beforeAll(async () => {
    const port = await freePort();
    const simulator = createKycAggregatorSimulator({
      apiKey: KYC_SECRETS.SAUDA_KYC_PROVIDER_API_KEY,
      apiSecret: KYC_SECRETS.SAUDA_KYC_PROVIDER_API_SECRET,
      webhookSecret: KYC_SECRETS.SAUDA_KYC_WEBHOOK_SECRET,
      webhookDelayMs: 20,
      ...options.simulator,
    });
    const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, simulators: [simulator] });
    const database = await createTestDatabase();
    const documentsDir = mkdtempSync(join(tmpdir(), 'kyc-documents-'));
    const logs: string[] = [];
    const logger = options.captureLogs
      ? createLogger(
          { env: 'test', logLevel: 'trace' },
          new Writable({
            write(chunk: Buffer, _encoding, done) {
              logs.push(chunk.toString());
              done();
            },
          }),
        )
      : undefined;
    const clock = new ManualClock(new Date());
    const app = await buildApp(
      testConfig(database.url, {
        PUBLIC_URL: `http://127.0.0.1:${options.callbackPort ?? port}`,
        SAUDA_KYC_PROVIDER_URL: `${sandbox.url}/kyc-aggregator`,
        SAUDA_KYC_PROVIDER_TIMEOUT_MS: '1500',
        SAUDA_KYC_DOCUMENTS_DIR: documentsDir,
        ...KYC_SECRETS,
        ...options.env,
      }),
      { database, clock, startJobs: false, ...(logger ? { logger } : {}) },
    );
    options.configure?.(app);
    await app.listen({ host: '127.0.0.1', port });
    context = { app, database, clock, sandbox, simulator, documentsDir, logs };
  });
  afterAll(async () => {
    await context?.app.close();
    await context?.sandbox.close();
    await context?.database.close();
  });
  return () => {
    if (!context) throw new Error('useKycApp() context is only available inside tests');
    return context;
  };
}

export const personNamed = (lastName: string) => {
  const person = SYNTHETIC_PERSONS.find((candidate) => candidate.lastName === lastName);
  if (!person) throw new Error(`no synthetic person ${lastName}`);
  return person;
};

export interface KycUser extends WebClient {
  readonly ip: string;
  readonly email: string;
}

let users = 0;
/** A verified account signed in on the web, with its own client address (rate limits are per IP). */
export async function newUser(ctx: TestContext, label = 'user'): Promise<KycUser> {
  users += 1;
  const email = `${label}${users}-${Date.now()}@example.kz`;
  await registerVerified(ctx, email);
  return { ...(await webLogin(ctx, email)), ip: nextIp(), email };
}

/** A compliance officer with the second factor presented in its session. */
export async function newComplianceOfficer(ctx: TestContext): Promise<KycUser> {
  const officer = await newUser(ctx, 'officer');
  await ctx.app.sauda.modules.identity.api.changeRole(
    { id: 'cli:test' },
    { userId: officer.userId, role: 'compliance_officer', grant: true },
  );
  await enableTwoFactor(ctx, officer);
  return officer;
}

const jpegBytes = (marker: string): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(marker), Buffer.from([0xff, 0xd9])]);

export const imageData = (marker: string): string => jpegBytes(marker).toString('base64');

export async function call(
  ctx: TestContext,
  user: KycUser,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  locale = 'en',
): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method,
    url,
    remoteAddress: user.ip,
    headers: { ...asWeb(user), 'accept-language': locale },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

export const startKyc = (ctx: TestContext, user: KycUser, iin: string, resident = true) =>
  call(ctx, user, 'POST', '/v1/kyc/start', {
    iin,
    consentVersion: KYC_CONSENT.version,
    consentAccepted: true,
    resident,
  });

export const uploadIdCard = (ctx: TestContext, user: KycUser, marker = 'id-card') =>
  call(ctx, user, 'POST', '/v1/kyc/document', {
    documentType: 'id_card',
    pages: [
      { side: 'front', contentType: 'image/jpeg', data: imageData(`${marker}-front`) },
      { side: 'back', contentType: 'image/jpeg', data: imageData(`${marker}-back`) },
    ],
  });

export const sendSelfie = (ctx: TestContext, user: KycUser, marker = 'selfie') =>
  call(ctx, user, 'POST', '/v1/kyc/liveness', {
    selfie: { contentType: 'image/jpeg', data: imageData(marker) },
  });

export async function kycStatus(ctx: TestContext, user: KycUser, locale = 'en'): Promise<KycStatusView> {
  const response = await call(ctx, user, 'GET', '/v1/kyc/status', undefined, locale);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** Waits for the decision webhook to land (it is sent by the sandbox after the liveness step). */
export async function statusEventually(
  ctx: TestContext,
  user: KycUser,
  status: KycStatusView['status'],
): Promise<KycStatusView> {
  await expect
    .poll(async () => (await kycStatus(ctx, user)).status, { timeout: 5_000, interval: 50 })
    .toBe(status);
  return kycStatus(ctx, user);
}

/** Start, document, selfie: the whole user side of one attempt. */
export async function walkFlow(ctx: TestContext, user: KycUser, iin: string): Promise<void> {
  const started = await startKyc(ctx, user, iin);
  expect(started.statusCode, started.body).toBe(200);
  expect(started.json()).toMatchObject({ status: 'awaiting_document' });
  const document = await uploadIdCard(ctx, user);
  expect(document.statusCode, document.body).toBe(200);
  expect(document.json()).toMatchObject({ status: 'awaiting_liveness' });
  const selfie = await sendSelfie(ctx, user);
  expect(selfie.statusCode, selfie.body).toBe(200);
}
