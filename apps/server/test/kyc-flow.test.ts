import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { KYC_CONSENT } from '@sauda/kyc';
import { sql } from '@sauda/platform';
import {
  call,
  imageData,
  kycStatus,
  newUser,
  personNamed,
  sendSelfie,
  startKyc,
  statusEventually,
  uploadIdCard,
  useKycApp,
  walkFlow,
} from './kyc-helpers.ts';

const ctx = useKycApp({
  configure: (app) => {
    app.get('/test/loyalty', { preHandler: app.sauda.modules.kyc.requireKyc('loyalty') }, async () => ({
      ok: true,
    }));
    app.get('/test/dues', { preHandler: app.sauda.modules.kyc.requireKyc('dues') }, async () => ({
      ok: true,
    }));
  },
});

describe('POST /v1/iin/validate', () => {
  const validate = (iin: unknown, locale = 'en', remoteAddress = '10.9.0.1') =>
    ctx().app.inject({
      method: 'POST',
      url: '/v1/iin/validate',
      remoteAddress,
      headers: { 'accept-language': locale },
      payload: { iin },
    });

  it('answers birth date, sex and age in Almaty today, or the reason, and stores nothing', async () => {
    const { clock } = ctx();
    const before = clock.now();
    clock.set('2026-06-30T19:30:00Z'); // already 1 July in Almaty
    try {
      expect((await validate('900101300017')).json()).toEqual({
        valid: true,
        birthDate: '1990-01-01',
        sex: 'male',
        age: 36,
      });
      expect((await validate('950315400026')).json()).toEqual({
        valid: true,
        birthDate: '1995-03-15',
        sex: 'female',
        age: 31,
      });
      expect((await validate('000701500013')).json()).toMatchObject({
        valid: true,
        birthDate: '2000-07-01',
        age: 26,
      });
      expect((await validate('900101300811')).json()).toMatchObject({ valid: true, birthDate: '1990-01-01' });
    } finally {
      clock.set(before);
    }
    const cases: [string, string][] = [
      ['900101300018', 'check-digit'],
      ['000229300011', 'date'],
      ['900101700017', 'century'],
      ['90010130001', 'length'],
      ['90010130001x', 'non-digit'],
      [' 900101300017', 'non-digit'],
    ];
    for (const [iin, reason] of cases) {
      const response = await validate(iin);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ valid: false, reason });
    }
    expect((await validate('90010130001', 'kk')).json()).toEqual({
      valid: false,
      reason: 'length',
      message: 'ЖСН 12 цифрдан тұрады',
    });
    expect((await validate(900101300017)).statusCode).toBe(400);
    const { rows } = await ctx().database.db.execute<{ count: string }>(
      sql`SELECT (SELECT count(*) FROM kyc.cases) + (SELECT count(*) FROM kyc.journal) AS count`,
    );
    expect(Number(rows[0]?.count)).toBe(0);
  });

  it('is rate limited per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i += 1)
      statuses.push((await validate('900101300017', 'en', '10.9.9.9')).statusCode);
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});

describe('KYC flow', () => {
  it('verifies an adult resident: consent, IIN, document, selfie, decision by webhook', async () => {
    const { app, simulator } = ctx();
    const user = await newUser(ctx());
    const person = personNamed('Абенов');
    expect((await call(ctx(), user, 'GET', '/test/loyalty')).json()).toMatchObject({ code: 'KYC_REQUIRED' });
    expect((await call(ctx(), user, 'GET', '/test/dues')).json()).toEqual({ ok: true });

    const consent = await call(ctx(), user, 'GET', '/v1/kyc/consent', undefined, 'kk');
    expect(consent.json()).toMatchObject({ version: KYC_CONSENT.version, locale: 'kk' });
    expect(consent.json<{ text: string }>().text).toContain('келісім беремін');
    expect(await kycStatus(ctx(), user)).toMatchObject({
      status: 'not_started',
      nextStep: { action: 'start' },
      attemptsLeft: 3,
      maskedIin: null,
    });

    const started = await startKyc(ctx(), user, person.iin);
    expect(started.json()).toMatchObject({
      status: 'awaiting_document',
      maskedIin: '900101******',
      attemptsUsed: 1,
      attemptsLeft: 2,
      nextStep: { action: 'upload_document' },
      documentTypes: ['id_card', 'passport'],
    });
    expect(started.body).not.toContain(person.iin);
    expect(simulator.flows.filter((flow) => flow.iin === person.iin)).toHaveLength(1);
    expect((await startKyc(ctx(), user, person.iin)).json()).toMatchObject({ code: 'KYC_IN_PROGRESS' });
    expect((await sendSelfie(ctx(), user)).json()).toMatchObject({ code: 'KYC_WRONG_STEP', status: 409 });

    expect((await uploadIdCard(ctx(), user)).json()).toMatchObject({
      status: 'awaiting_liveness',
      nextStep: { action: 'liveness' },
    });
    const afterSelfie = (await sendSelfie(ctx(), user)).json<{ status: string }>();
    expect(['state_check', 'verified']).toContain(afterSelfie.status);
    const verified = await statusEventually(ctx(), user, 'verified');
    expect(verified).toMatchObject({
      reason: null,
      nextStep: { action: 'none' },
      title: 'Identity verified',
    });
    expect(verified.verifiedAt).not.toBeNull();
    expect(await kycStatus(ctx(), user, 'ru')).toMatchObject({ title: 'Личность подтверждена' });
    expect(await kycStatus(ctx(), user, 'kk')).toMatchObject({ title: 'Жеке басыңыз расталды' });
    expect((await call(ctx(), user, 'GET', '/test/loyalty')).json()).toEqual({ ok: true });
    expect(await app.sauda.modules.kyc.api.isVerified(user.userId)).toBe(true);
    expect((await startKyc(ctx(), user, person.iin)).json()).toMatchObject({ code: 'KYC_ALREADY_VERIFIED' });

    const { rows } = await ctx().database.db.execute<{
      operation: string;
      to_status: string;
      masked_iin: string;
    }>(
      sql`SELECT operation, to_status, masked_iin FROM kyc.journal WHERE user_id = ${user.userId} ORDER BY seq`,
    );
    expect(rows.map((row) => `${row.operation}:${row.to_status}`)).toEqual([
      'iin-submitted:iin_submitted',
      'prechecks-passed:iin_submitted',
      'provider-session-created:awaiting_document',
      'document-uploaded:awaiting_liveness',
      'liveness-submitted:state_check',
      'result-received:verified',
    ]);
    expect(new Set(rows.map((row) => row.masked_iin))).toEqual(new Set(['900101******']));
    const events = await ctx().database.db.execute<{ name: string }>(
      sql`SELECT name FROM platform.outbox WHERE payload->>'userId' = ${user.userId} AND name LIKE 'kyc.%' ORDER BY id`,
    );
    expect(events.rows.map((row) => row.name)).toContain('kyc.verified');
    expect(await app.sauda.modules.kyc.api.verifyJournal()).toMatchObject({ ok: true });
  });

  it('asks for a clearer photo when the document cannot be read', async () => {
    const { simulator } = ctx();
    const user = await newUser(ctx());
    const person = personNamed('Сапарова');
    simulator.setRule(person.iin, { document: 'unreadable-once' });
    await startKyc(ctx(), user, person.iin);
    const unreadable = (await uploadIdCard(ctx(), user)).json<unknown>();
    expect(unreadable).toMatchObject({
      status: 'awaiting_document',
      reason: 'document_unreadable',
      reasonText: 'The document could not be read',
      nextStep: {
        action: 'upload_document',
        text: 'Upload a clearer photo: no glare, the whole document in the frame',
      },
    });
    expect((await uploadIdCard(ctx(), user, 'sharper')).json()).toMatchObject({
      status: 'awaiting_liveness',
      reason: null,
    });
    await sendSelfie(ctx(), user);
    await statusEventually(ctx(), user, 'verified');
  });

  it('turns a minor away before any provider call, leaving a retry for a mistyped IIN', async () => {
    const { simulator } = ctx();
    const user = await newUser(ctx());
    const minor = personNamed('Сейтқали');
    const response = await startKyc(ctx(), user, minor.iin);
    expect(response.json()).toMatchObject({
      status: 'rejected',
      reason: 'minor',
      reasonText: 'Only people aged 18 or over may use the service',
      retryAllowed: true,
      attemptsLeft: 2,
      nextStep: { action: 'retry', text: 'Please try again. Attempts left: 2' },
      maskedIin: `${minor.iin.slice(0, 6)}******`,
    });
    expect(simulator.flows.some((flow) => flow.iin === minor.iin)).toBe(false);
    await walkFlow(ctx(), user, personNamed('Ким').iin);
    await statusEventually(ctx(), user, 'verified');
  });

  it('sends a declared non-resident to manual review (policy "review") after the provider checks', async () => {
    const user = await newUser(ctx());
    await walkFlow(ctx(), user, personNamed('Иванов').iin);
    expect(await statusEventually(ctx(), user, 'manual_review')).toMatchObject({
      reason: 'non_resident',
      nextStep: { action: 'wait' },
    });
  });

  it('sends an IIN already verified on another account to manual review at once', async () => {
    const { simulator } = ctx();
    const first = await newUser(ctx());
    const person = personNamed('Жұмабаев');
    await walkFlow(ctx(), first, person.iin);
    await statusEventually(ctx(), first, 'verified');
    const second = await newUser(ctx());
    const flowsBefore = simulator.flows.length;
    expect((await startKyc(ctx(), second, person.iin)).json()).toMatchObject({
      status: 'manual_review',
      reason: 'duplicate_iin',
      reasonText: 'This IIN is already verified on another account',
    });
    expect(simulator.flows).toHaveLength(flowsBefore);
  });

  it("checks every step's input and says what is wrong", async () => {
    const user = await newUser(ctx());
    expect((await uploadIdCard(ctx(), user)).json()).toMatchObject({ code: 'KYC_NOT_STARTED', status: 409 });
    const outdated = await call(ctx(), user, 'POST', '/v1/kyc/start', {
      iin: '900101300017',
      consentVersion: '2000-01',
      consentAccepted: true,
      resident: true,
    });
    expect(outdated.json()).toMatchObject({ code: 'KYC_CONSENT_OUTDATED', status: 409 });
    const noConsent = await call(ctx(), user, 'POST', '/v1/kyc/start', {
      iin: '900101300017',
      consentVersion: KYC_CONSENT.version,
      consentAccepted: false,
      resident: true,
    });
    expect(noConsent.statusCode).toBe(400);
    const invalid = await call(
      ctx(),
      user,
      'POST',
      '/v1/kyc/start',
      {
        iin: '900101300018',
        consentVersion: KYC_CONSENT.version,
        consentAccepted: true,
        resident: true,
      },
      'ru',
    );
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toMatchObject({
      code: 'KYC_IIN_INVALID',
      title: 'ИИН указан неверно',
      errors: [{ path: 'body/iin', message: 'Контрольная цифра не сходится: проверьте номер' }],
    });
    expect(await kycStatus(ctx(), user)).toMatchObject({ status: 'not_started', attemptsUsed: 0 });

    await startKyc(ctx(), user, personNamed('Тлеубаев').iin);
    const onePage = await call(ctx(), user, 'POST', '/v1/kyc/document', {
      documentType: 'id_card',
      pages: [{ side: 'front', contentType: 'image/jpeg', data: imageData('front') }],
    });
    expect(onePage.json()).toMatchObject({ code: 'KYC_DOCUMENT_PAGES_INVALID', status: 422 });
    const notAnImage = await call(ctx(), user, 'POST', '/v1/kyc/document', {
      documentType: 'passport',
      pages: [{ side: 'main', contentType: 'image/png', data: Buffer.from('%PDF-1.7').toString('base64') }],
    });
    expect(notAnImage.json()).toMatchObject({ code: 'KYC_IMAGE_INVALID', status: 422 });
    const passport = await call(ctx(), user, 'POST', '/v1/kyc/document', {
      documentType: 'passport',
      pages: [{ side: 'main', contentType: 'image/jpeg', data: imageData('passport') }],
    });
    expect(passport.json()).toMatchObject({ status: 'awaiting_liveness' });
    const anonymous = await ctx().app.inject({ method: 'GET', url: '/v1/kyc/status' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('KYC in the OpenAPI document', () => {
  it('lists the user, staff and provider routes in a valid document', async () => {
    const document = (await ctx().app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/iin/validate',
        '/v1/kyc/consent',
        '/v1/kyc/status',
        '/v1/kyc/start',
        '/v1/kyc/document',
        '/v1/kyc/liveness',
        '/v1/kyc/provider/webhook',
        '/v1/admin/kyc/cases',
        '/v1/admin/kyc/cases/{caseId}',
        '/v1/admin/kyc/cases/{caseId}/documents/{documentId}',
        '/v1/admin/kyc/cases/{caseId}/approve',
        '/v1/admin/kyc/cases/{caseId}/reject',
        '/v1/admin/kyc/cases/{caseId}/reopen',
        '/v1/admin/kyc/journal/export',
      ]),
    );
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
  });
});
