import { describe, expect, it } from 'vitest';
import type { KycStatusView } from '@sauda/kyc';
import { signatureHeader, syntheticIin } from '@sauda/sandbox';
import { sql } from '@sauda/platform';
import {
  KYC_SECRETS,
  kycStatus,
  newUser,
  personNamed,
  sendSelfie,
  startKyc,
  statusEventually,
  uploadIdCard,
  useKycApp,
  walkFlow,
  type KycTestContext,
} from './kyc-helpers.ts';
import { freePort } from '@sauda/testing';

async function journalOf(ctx: KycTestContext, userId: string): Promise<string[]> {
  const { rows } = await ctx.database.db.execute<{
    operation: string;
    to_status: string;
    result: string | null;
  }>(sql`SELECT operation, to_status, result FROM kyc.journal WHERE user_id = ${userId} ORDER BY seq`);
  return rows.map((row) => `${row.operation}:${row.to_status}${row.result ? `:${row.result}` : ''}`);
}

describe('provider outages', () => {
  const ctx = useKycApp();

  it('parks the case while the provider is down, retries with backoff, and recovers by itself', async () => {
    const { app, simulator, clock } = ctx();
    const kyc = app.sauda.modules.kyc.api;
    const user = await newUser(ctx());
    simulator.setOutage(true);
    const parked = (await startKyc(ctx(), user, personNamed('Абенов').iin)).json<KycStatusView>();
    expect(parked).toMatchObject({
      status: 'provider_unavailable',
      title: 'The verification service is temporarily unavailable',
      nextStep: { action: 'wait', text: 'We will retry automatically; there is nothing you need to do' },
    });
    const firstRetryAt = Date.parse(parked.nextRetryAt!);
    expect(firstRetryAt - clock.now().getTime()).toBe(30_000);

    expect(await kyc.retryProviderCalls()).toBe(0); // not due yet
    clock.advance(31_000);
    expect(await kyc.retryProviderCalls()).toBe(0); // due, still down: the wait doubles
    const second = await kycStatus(ctx(), user);
    expect(Date.parse(second.nextRetryAt!) - clock.now().getTime()).toBe(60_000);

    simulator.setOutage(false);
    clock.advance(61_000);
    expect(await kyc.retryProviderCalls()).toBe(1);
    expect(await kycStatus(ctx(), user)).toMatchObject({ status: 'awaiting_document', nextRetryAt: null });

    // Down again while the document is sent: the images are kept and forwarded later.
    simulator.setOutage(true);
    expect((await uploadIdCard(ctx(), user)).json()).toMatchObject({ status: 'provider_unavailable' });
    simulator.setOutage(false);
    clock.advance(31_000);
    expect(await kyc.retryProviderCalls()).toBe(1);
    expect(await kycStatus(ctx(), user)).toMatchObject({ status: 'awaiting_liveness' });

    simulator.setOutage(true);
    expect((await sendSelfie(ctx(), user)).json()).toMatchObject({ status: 'provider_unavailable' });
    simulator.setOutage(false);
    clock.advance(31_000);
    expect(await kyc.retryProviderCalls()).toBe(1);
    await statusEventually(ctx(), user, 'verified');

    expect(await journalOf(ctx(), user.userId)).toEqual([
      'iin-submitted:iin_submitted:consent 2026-01',
      'prechecks-passed:iin_submitted',
      'provider-unavailable:provider_unavailable:create-session',
      'provider-retry-failed:provider_unavailable:create-session',
      'provider-session-created:awaiting_document',
      'provider-unavailable:provider_unavailable:upload-document',
      'document-uploaded:awaiting_liveness:recognised',
      'provider-unavailable:provider_unavailable:submit-liveness',
      'liveness-submitted:state_check',
      'result-received:verified:approved by webhook',
    ]);
  });

  it('treats a provider that does not answer in time like one that is down', async () => {
    const { app, simulator, clock } = ctx();
    const user = await newUser(ctx());
    simulator.setLatency(2_000);
    try {
      expect((await startKyc(ctx(), user, personNamed('Ким').iin)).json()).toMatchObject({
        status: 'provider_unavailable',
      });
    } finally {
      simulator.setLatency(0);
    }
    clock.advance(31_000);
    await app.sauda.modules.kyc.api.retryProviderCalls();
    expect(await kycStatus(ctx(), user)).toMatchObject({ status: 'awaiting_document' });
  });

  it('picks up a submission a crash left without a provider session', async () => {
    const { app, simulator, clock, database } = ctx();
    const user = await newUser(ctx());
    simulator.setOutage(true);
    const { caseId } = (await startKyc(ctx(), user, personNamed('Жұмабаев').iin)).json<KycStatusView>();
    simulator.setOutage(false);
    // As if the process died between recording the submission and calling the provider.
    await database.db.execute(
      sql`UPDATE kyc.cases SET status = 'iin_submitted', pending_step = NULL, next_retry_at = NULL WHERE id = ${caseId}`,
    );
    expect(await app.sauda.modules.kyc.api.retryProviderCalls()).toBe(0); // could still be in flight
    clock.advance(121_000);
    expect(await app.sauda.modules.kyc.api.retryProviderCalls()).toBe(1);
    expect(await kycStatus(ctx(), user)).toMatchObject({ status: 'awaiting_document', caseId });
  });

  it('ends the attempt when the provider forgot the session, and lets the user start again', async () => {
    const { simulator } = ctx();
    const user = await newUser(ctx());
    const person = personNamed('Сапарова');
    await startKyc(ctx(), user, person.iin);
    const flow = simulator.flows.find(
      (candidate) => candidate.iin === person.iin && candidate.status === 'DOCUMENT_REQUIRED',
    );
    simulator.expire(flow!.id);
    expect((await uploadIdCard(ctx(), user)).json()).toMatchObject({
      status: 'rejected',
      reason: 'session_expired',
      retryAllowed: true,
    });
    await walkFlow(ctx(), user, person.iin);
    await statusEventually(ctx(), user, 'verified');
  });
});

describe('provider webhooks', () => {
  const ctx = useKycApp();
  const post = (body: string, signature: string | undefined) =>
    ctx().app.inject({
      method: 'POST',
      url: '/v1/kyc/provider/webhook',
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'x-sauda-signature': signature } : {}),
      },
      payload: body,
    });

  it('applies a redelivered decision once, and rejects forged, stale and malformed ones', async () => {
    const { simulator, sandbox } = ctx();
    const user = await newUser(ctx());
    const person = personNamed('Тлеубаев');
    simulator.setRule(person.iin, { decision: 'DECLINED', reason: 'LIVENESS_FAILED' });
    await walkFlow(ctx(), user, person.iin);
    expect(await statusEventually(ctx(), user, 'rejected')).toMatchObject({ reason: 'liveness_failed' });
    const flow = simulator.flows.find((candidate) => candidate.iin === person.iin)!;

    await simulator.resendWebhook(flow.id);
    const deliveries = (await (await fetch(`${sandbox.url}/deliveries`)).json()) as {
      deliveries: { url: string; status: number }[];
    };
    expect(
      deliveries.deliveries
        .filter((delivery) => delivery.url.endsWith('/v1/kyc/provider/webhook'))
        .map((d) => d.status),
    ).toEqual([200, 200]);
    expect(
      (await journalOf(ctx(), user.userId)).filter((entry) => entry.startsWith('result-received')),
    ).toHaveLength(1);

    const body = JSON.stringify({
      event_id: 'evt_forged',
      event_type: 'flow.completed',
      flow_id: flow.id,
      external_id: null,
      decision: { result: 'APPROVED', reasons: [], person: null, checks: {} },
    });
    const now = Math.floor(Date.now() / 1000);
    const forged = await post(body, signatureHeader('guessed-secret', body, now));
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ code: 'KYC_WEBHOOK_SIGNATURE_INVALID' });
    expect((await post(body, undefined)).json()).toMatchObject({ code: 'KYC_WEBHOOK_SIGNATURE_INVALID' });
    const stale = await post(body, signatureHeader(KYC_SECRETS.SAUDA_KYC_WEBHOOK_SECRET, body, now - 600));
    expect(stale.statusCode).toBe(401);
    expect(stale.json()).toMatchObject({ code: 'KYC_WEBHOOK_STALE' });
    const malformed = '{"event_id":"evt_x"}';
    const bad = await post(malformed, signatureHeader(KYC_SECRETS.SAUDA_KYC_WEBHOOK_SECRET, malformed, now));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'KYC_WEBHOOK_MALFORMED' });

    // A genuine signature on a decision for a session nobody knows is acknowledged and ignored.
    const unknown = body.replace(flow.id, 'flw_unknown').replace('evt_forged', 'evt_unknown');
    const ignored = await post(unknown, signatureHeader(KYC_SECRETS.SAUDA_KYC_WEBHOOK_SECRET, unknown, now));
    expect(ignored.json()).toEqual({ status: 'ignored' });
    // A valid but late decision for a case already decided changes nothing.
    const late = body.replace('evt_forged', 'evt_late');
    expect(
      (await post(late, signatureHeader(KYC_SECRETS.SAUDA_KYC_WEBHOOK_SECRET, late, now))).json(),
    ).toEqual({
      status: 'applied',
    });
    expect(await kycStatus(ctx(), user)).toMatchObject({ status: 'rejected', reason: 'liveness_failed' });
  });
});

describe('decisions by polling when webhooks are lost', async () => {
  // The aggregator posts its decisions to a port where nothing listens.
  const ctx = useKycApp({ callbackPort: await freePort() });

  it('asks the provider for decisions the webhook did not bring', async () => {
    const { app, clock, simulator } = ctx();
    const user = await newUser(ctx());
    const person = personNamed('Ким');
    simulator.setRule(person.iin, { decision: 'PENDING' });
    await walkFlow(ctx(), user, person.iin);
    expect(await kycStatus(ctx(), user)).toMatchObject({
      status: 'state_check',
      nextStep: { action: 'wait' },
    });
    expect(await app.sauda.modules.kyc.api.pollDecisions()).toBe(0);
    const flow = simulator.flows.find((candidate) => candidate.iin === person.iin)!;
    await simulator.decide(flow.id, 'REVIEW');
    expect(await app.sauda.modules.kyc.api.pollDecisions()).toBe(0); // asked less than 30 s ago
    clock.advance(31_000);
    expect(await app.sauda.modules.kyc.api.pollDecisions()).toBe(1);
    expect(await kycStatus(ctx(), user)).toMatchObject({
      status: 'manual_review',
      reason: 'provider_review',
    });
    expect(await journalOf(ctx(), user.userId)).toContain('result-received:manual_review:review by polling');
  });
});

describe('attempt limits and final rejections', () => {
  const ctx = useKycApp({ env: { SAUDA_KYC_MAX_ATTEMPTS: '2', SAUDA_KYC_NON_RESIDENTS: 'reject' } });

  it('makes the last failed attempt final and refuses another one', async () => {
    const { simulator } = ctx();
    const user = await newUser(ctx());
    const person = personNamed('Абенов');
    simulator.setRule(person.iin, { decision: 'DECLINED', reason: 'FACE_MISMATCH' });
    await walkFlow(ctx(), user, person.iin);
    expect(await statusEventually(ctx(), user, 'rejected')).toMatchObject({
      reason: 'face_mismatch',
      retryAllowed: true,
      attemptsLeft: 1,
    });
    await walkFlow(ctx(), user, person.iin);
    const final = await statusEventually(ctx(), user, 'rejected_final');
    expect(final).toMatchObject({ reason: 'face_mismatch', retryAllowed: false, attemptsLeft: 0 });
    expect(final.nextStep).toEqual({
      action: 'contact_support',
      text: `No attempts are left. Contact support and quote verification number ${final.caseId}`,
    });
    expect((await startKyc(ctx(), user, person.iin)).json()).toMatchObject({ code: 'KYC_REJECTED_FINAL' });
  });

  it('rejects for good what a new attempt cannot cure', async () => {
    const deceased = await newUser(ctx());
    await walkFlow(ctx(), deceased, personNamed('Нұрланова').iin);
    expect(await statusEventually(ctx(), deceased, 'rejected_final')).toMatchObject({
      reason: 'person_inactive',
      attemptsLeft: 1,
      nextStep: { action: 'contact_support' },
    });
    const nonResident = await newUser(ctx());
    expect((await startKyc(ctx(), nonResident, personNamed('Иванов').iin, false)).json()).toMatchObject({
      status: 'rejected_final',
      reason: 'non_resident',
    });
    const claimedResident = await newUser(ctx());
    await walkFlow(ctx(), claimedResident, personNamed('Иванов').iin);
    expect(await statusEventually(ctx(), claimedResident, 'rejected_final')).toMatchObject({
      reason: 'non_resident',
    });
    const unknown = await newUser(ctx());
    await walkFlow(ctx(), unknown, syntheticIin('1977-07-07', 'male', 500));
    expect(await statusEventually(ctx(), unknown, 'rejected')).toMatchObject({ reason: 'person_not_found' });
  });
});
