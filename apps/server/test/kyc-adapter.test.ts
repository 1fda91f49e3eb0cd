import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKycAggregatorSimulator,
  signatureHeader,
  startSandbox,
  SYNTHETIC_PERSONS,
  type SandboxServer,
} from '@sauda/sandbox';
import {
  checkIin,
  createAggregatorFlowProvider,
  ProviderRequestError,
  ProviderSessionGoneError,
  ProviderUnavailableError,
  WebhookRejected,
  type AggregatorFlowSettings,
  type KycProvider,
} from '@sauda/kyc';

const jpeg = (): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64), Buffer.from([0xff, 0xd9])]);
const secrets = { apiKey: 'adapter-key', apiSecret: 'adapter-secret', webhookSecret: 'adapter-webhook' };
const adult = SYNTHETIC_PERSONS.find((person) => person.lastName === 'Абенов')!;

describe('aggregator flow adapter against the sandbox aggregator', () => {
  const simulator = createKycAggregatorSimulator({ ...secrets, webhookDelayMs: 10 });
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  let receiver: FastifyInstance;
  let sandbox: SandboxServer;
  let settings: AggregatorFlowSettings;
  let provider: KycProvider;

  beforeAll(async () => {
    receiver = Fastify();
    receiver.removeContentTypeParser('application/json');
    receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      done(null, body);
    });
    receiver.post('/hook', async (request) => {
      received.push({ headers: request.headers, body: request.body as string });
      return { status: 'applied' };
    });
    const receiverUrl = await receiver.listen({ host: '127.0.0.1', port: 0 });
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, simulators: [simulator] });
    settings = {
      baseUrl: `${sandbox.url}/kyc-aggregator/`,
      ...secrets,
      callbackUrl: `${receiverUrl}/hook`,
      timeoutMs: 2_000,
    };
    provider = createAggregatorFlowProvider(settings);
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('keeps a state database whose IINs our validator accepts, with matching birth dates and sexes', () => {
    expect(SYNTHETIC_PERSONS.length).toBeGreaterThanOrEqual(8);
    for (const person of SYNTHETIC_PERSONS) {
      expect(checkIin(person.iin), person.scenario.en).toEqual({
        valid: true,
        birthDate: person.birthDate,
        sex: person.sex,
      });
    }
    const secondPass = SYNTHETIC_PERSONS.find((person) => person.scenario.en.includes('second weight set'))!;
    const digits = secondPass.iin.slice(0, 11).split('').map(Number);
    expect(digits.reduce((sum, digit, index) => sum + digit * (index + 1), 0) % 11).toBe(10);
  });

  it('walks a whole flow: session, document, liveness, decision by polling and by signed webhook', async () => {
    const session = await provider.createSession({
      reference: 'kyc_test_1',
      iin: adult.iin,
      consentVersion: '2026-01',
      consentGivenAt: new Date(),
    });
    const again = await provider.createSession({
      reference: 'kyc_test_1',
      iin: adult.iin,
      consentVersion: '2026-01',
      consentGivenAt: new Date(),
    });
    expect(again.sessionId).toBe(session.sessionId);
    expect(await provider.fetchResult(session.sessionId)).toEqual({ outcome: 'pending' });

    const recognition = await provider.uploadDocument(session.sessionId, {
      documentType: 'id_card',
      pages: [
        { side: 'front', contentType: 'image/jpeg', bytes: jpeg() },
        { side: 'back', contentType: 'image/jpeg', bytes: jpeg() },
      ],
    });
    expect(recognition).toEqual({
      outcome: 'recognised',
      fields: expect.objectContaining({
        iin: adult.iin,
        lastName: 'Абенов',
        documentType: 'id_card',
      }) as unknown,
    });
    await provider.submitLiveness(session.sessionId, { contentType: 'image/jpeg', bytes: jpeg() });
    const decision = await provider.fetchResult(session.sessionId);
    expect(decision).toMatchObject({
      outcome: 'approved',
      person: { iin: adult.iin, birthDate: adult.birthDate, citizenship: 'KZ', resident: true },
      checks: { stateDatabase: 'match' },
    });

    await expect.poll(() => received.length).toBe(1);
    const [delivery] = received;
    const webhook = provider.parseWebhook({
      headers: delivery!.headers,
      rawBody: delivery!.body,
      now: new Date(),
    });
    expect(webhook).toMatchObject({ sessionId: session.sessionId, reference: 'kyc_test_1', decision });
  });

  it('reports an unreadable document and the reasons of a decline', async () => {
    const olga = SYNTHETIC_PERSONS.find((person) => person.firstName === 'Ольга')!;
    simulator.setRule(olga.iin, {
      document: 'unreadable-once',
      decision: 'DECLINED',
      reason: 'FACE_MISMATCH',
    });
    const { sessionId } = await provider.createSession({
      reference: 'kyc_test_2',
      iin: olga.iin,
      consentVersion: '2026-01',
      consentGivenAt: new Date(),
    });
    const passport = {
      documentType: 'passport' as const,
      pages: [{ side: 'main' as const, contentType: 'image/jpeg' as const, bytes: jpeg() }],
    };
    expect(await provider.uploadDocument(sessionId, passport)).toEqual({ outcome: 'unreadable' });
    expect(await provider.uploadDocument(sessionId, passport)).toMatchObject({ outcome: 'recognised' });
    await provider.submitLiveness(sessionId, { contentType: 'image/jpeg', bytes: jpeg() });
    expect(await provider.fetchResult(sessionId)).toMatchObject({
      outcome: 'declined',
      reasons: ['face_mismatch'],
      checks: { faceSimilarity: 0.31 },
    });
  });

  it('tells an outage and a timeout (retry later) from a refused request and a forgotten session', async () => {
    const input = {
      reference: 'kyc_test_3',
      iin: adult.iin,
      consentVersion: '2026-01',
      consentGivenAt: new Date(),
    };
    simulator.setOutage(true);
    await expect(provider.createSession(input)).rejects.toBeInstanceOf(ProviderUnavailableError);
    simulator.setOutage(false);
    simulator.setLatency(400);
    await expect(
      createAggregatorFlowProvider({ ...settings, timeoutMs: 100 }).createSession(input),
    ).rejects.toBeInstanceOf(ProviderUnavailableError);
    simulator.setLatency(0);
    const unreachable = createAggregatorFlowProvider({ ...settings, baseUrl: 'http://127.0.0.1:1/kyc' });
    await expect(unreachable.createSession(input)).rejects.toBeInstanceOf(ProviderUnavailableError);

    const wrongSecret = createAggregatorFlowProvider({ ...settings, apiSecret: 'not-the-secret' });
    const refused = await wrongSecret.createSession(input).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProviderRequestError);
    expect(refused).toMatchObject({ status: 401, message: 'aggregator answered 401: invalid_signature' });

    await expect(provider.fetchResult('flw_unknown')).rejects.toBeInstanceOf(ProviderSessionGoneError);
    const { sessionId } = await provider.createSession(input);
    simulator.expire(sessionId);
    await expect(provider.fetchResult(sessionId)).rejects.toBeInstanceOf(ProviderSessionGoneError);
    await expect(
      provider.submitLiveness(sessionId, { contentType: 'image/jpeg', bytes: jpeg() }),
    ).rejects.toBeInstanceOf(ProviderSessionGoneError);
  });

  it('accepts only webhooks signed with the secret, inside the replay window, in the expected shape', () => {
    const body = JSON.stringify({
      event_id: 'evt_1',
      event_type: 'flow.completed',
      flow_id: 'flw_1',
      external_id: 'kyc_1',
      decision: { result: 'REVIEW', reasons: [], checks: {} },
    });
    const now = new Date();
    const unix = Math.floor(now.getTime() / 1000);
    const parse = (headers: Record<string, string>, raw = body, at = now) =>
      provider.parseWebhook({ headers, rawBody: raw, now: at });
    const rejection = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof WebhookRejected ? error.kind : error;
      }
      return 'accepted';
    };
    expect(parse({ 'x-sauda-signature': signatureHeader(secrets.webhookSecret, body, unix) })).toEqual({
      eventId: 'evt_1',
      sessionId: 'flw_1',
      reference: 'kyc_1',
      decision: {
        outcome: 'review',
        checks: { livenessScore: undefined, faceSimilarity: undefined, stateDatabase: undefined },
      },
    });
    expect(rejection(() => parse({}))).toBe('signature');
    expect(rejection(() => parse({ 'x-sauda-signature': signatureHeader('forged', body, unix) }))).toBe(
      'signature',
    );
    expect(
      rejection(() =>
        parse(
          { 'x-sauda-signature': signatureHeader(secrets.webhookSecret, body, unix) },
          body.replace('REVIEW', 'APPROVED'),
        ),
      ),
    ).toBe('signature');
    expect(
      rejection(() =>
        parse({ 'x-sauda-signature': signatureHeader(secrets.webhookSecret, body, unix - 301) }),
      ),
    ).toBe('stale');
    expect(
      rejection(() =>
        parse({ 'x-sauda-signature': signatureHeader(secrets.webhookSecret, body, unix + 301) }),
      ),
    ).toBe('stale');
    const broken = '{"event_id": 1}';
    expect(
      rejection(() =>
        parse({ 'x-sauda-signature': signatureHeader(secrets.webhookSecret, broken, unix) }, broken),
      ),
    ).toBe('malformed');
    expect(
      rejection(() =>
        parse({ 'x-sauda-signature': signatureHeader(secrets.webhookSecret, 'nope', unix) }, 'nope'),
      ),
    ).toBe('malformed');
  });
});
