import { describe, expect, it } from 'vitest';
import { sql } from '@sauda/platform';
import { enableTwoFactor, webLogin } from './identity-helpers.ts';
import {
  call,
  imageData,
  kycStatus,
  newComplianceOfficer,
  newUser,
  personNamed,
  startKyc,
  statusEventually,
  useKycApp,
  walkFlow,
  type KycUser,
} from './kyc-helpers.ts';

const ctx = useKycApp({
  configure: (app) => {
    app.get('/test/loyalty', { preHandler: app.sauda.modules.kyc.requireKyc('loyalty') }, async () => ({
      ok: true,
    }));
  },
});

const admin = (officer: KycUser, method: 'GET' | 'POST', url: string, payload?: unknown, locale = 'en') =>
  call(ctx(), officer, method, url, payload, locale);

describe('staff review of KYC cases', () => {
  it('queues a duplicate IIN for review; the officer sees the evidence, decides, and every step is audited', async () => {
    const { app } = ctx();
    const officer = await newComplianceOfficer(ctx());
    const person = personNamed('Абенов');
    const first = await newUser(ctx());
    await walkFlow(ctx(), first, person.iin);
    await statusEventually(ctx(), first, 'verified');
    const second = await newUser(ctx());
    const queued = (await startKyc(ctx(), second, person.iin)).json<{ caseId: string }>();

    const queue = await admin(officer, 'GET', '/v1/admin/kyc/cases', undefined, 'ru');
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json()).toMatchObject({
      items: [
        {
          caseId: queued.caseId,
          userId: second.userId,
          status: 'manual_review',
          reason: 'duplicate_iin',
          reasonText: 'Этот ИИН уже подтверждён в другом аккаунте',
          maskedIin: '900101******',
        },
      ],
      nextBefore: null,
    });
    expect(queue.body).not.toContain(person.iin);

    const evidence = await admin(officer, 'GET', `/v1/admin/kyc/cases/${queued.caseId}`);
    expect(evidence.statusCode, evidence.body).toBe(200);
    expect(evidence.json()).toMatchObject({
      iin: person.iin,
      declaredResident: true,
      documents: [],
      history: [
        { operation: 'iin-submitted', toStatus: 'iin_submitted' },
        { operation: 'prechecks-failed', toStatus: 'manual_review', reason: 'duplicate_iin' },
        { operation: 'personal-data-viewed', actor: officer.userId },
      ],
    });

    const approveDuplicate = await admin(officer, 'POST', `/v1/admin/kyc/cases/${queued.caseId}/approve`, {
      note: 'same person, new phone',
    });
    expect(approveDuplicate.json()).toMatchObject({ code: 'KYC_IIN_VERIFIED_ELSEWHERE', status: 409 });

    // The first account's verification is withdrawn, then the second is approved.
    const firstCase = (await kycStatus(ctx(), first)).caseId!;
    const reopened = await admin(officer, 'POST', `/v1/admin/kyc/cases/${firstCase}/reopen`, {
      note: 'account handed over',
    });
    expect(reopened.json()).toMatchObject({
      status: 'manual_review',
      reason: 'reopened',
      decidedBy: officer.userId,
    });
    expect((await call(ctx(), first, 'GET', '/test/loyalty')).json()).toMatchObject({ code: 'KYC_REQUIRED' });
    const rejectedFirst = await admin(officer, 'POST', `/v1/admin/kyc/cases/${firstCase}/reject`, {
      note: 'account handed over',
      final: true,
    });
    expect(rejectedFirst.json()).toMatchObject({ status: 'rejected_final', reason: 'staff_decision' });
    const approved = await admin(officer, 'POST', `/v1/admin/kyc/cases/${queued.caseId}/approve`, {
      note: 'documents match',
    });
    expect(approved.json()).toMatchObject({ status: 'verified' });
    expect((await call(ctx(), second, 'GET', '/test/loyalty')).json()).toEqual({ ok: true });
    expect(await kycStatus(ctx(), first)).toMatchObject({
      status: 'rejected_final',
      nextStep: { action: 'contact_support' },
    });

    const audit = (await app.sauda.modules.audit.api.list({ actor: officer.userId, limit: 20 })).filter(
      (entry) => entry.action.startsWith('kyc.'),
    );
    expect(audit.map((entry) => entry.action).reverse()).toEqual([
      'kyc.personal-data-viewed',
      'kyc.case-reopened',
      'kyc.case-rejected',
      'kyc.case-approved',
    ]);
    expect(audit.find((entry) => entry.action === 'kyc.case-approved')).toMatchObject({
      entityType: 'kyc-case',
      entityId: queued.caseId,
      before: { status: 'manual_review', reason: 'duplicate_iin' },
      after: { status: 'verified', reason: null, note: 'documents match' },
    });
    const { rows } = await ctx().database.db.execute<{ operation: string }>(
      sql`SELECT operation FROM kyc.journal WHERE actor = ${officer.userId} ORDER BY seq`,
    );
    expect(rows.map((row) => row.operation)).toEqual([
      'personal-data-viewed',
      'reopened',
      'staff-rejected',
      'staff-approved',
    ]);
  });

  it('shows document images to compliance officers only, and audits each look', async () => {
    const { app, simulator } = ctx();
    const officer = await newComplianceOfficer(ctx());
    const user = await newUser(ctx());
    const person = personNamed('Сапарова');
    simulator.setRule(person.iin, { decision: 'REVIEW' });
    await walkFlow(ctx(), user, person.iin);
    const { caseId } = await statusEventually(ctx(), user, 'manual_review');

    const evidence = (await admin(officer, 'GET', `/v1/admin/kyc/cases/${caseId}`)).json<{
      documents: { documentId: string; side: string; available: boolean }[];
      recognisedDocument: Record<string, unknown>;
      statePerson: unknown;
      providerChecks: Record<string, unknown>;
    }>();
    expect(evidence.documents.map((document) => document.side)).toEqual(['front', 'back', 'selfie']);
    expect(evidence.recognisedDocument).toMatchObject({
      iin: person.iin,
      lastName: 'Сапарова',
      documentType: 'id_card',
    });
    expect(evidence.statePerson).toBeNull();
    expect(evidence.providerChecks).toMatchObject({ livenessScore: 0.97 });
    const front = evidence.documents[0]!;
    const image = await admin(officer, 'GET', `/v1/admin/kyc/cases/${caseId}/documents/${front.documentId}`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.headers['cache-control']).toBe('no-store');
    expect(image.rawPayload.equals(Buffer.from(imageData('id-card-front'), 'base64'))).toBe(true);

    // A member, and an admin without the compliance role, get nothing.
    expect((await call(ctx(), user, 'GET', `/v1/admin/kyc/cases/${caseId}`)).json()).toMatchObject({
      code: 'PLATFORM_FORBIDDEN',
    });
    await app.sauda.modules.identity.api.createAdmin(
      { id: 'cli:test' },
      {
        email: 'kyc-admin@example.kz',
        fullName: 'Admin',
        password: 'a long admin passphrase',
      },
    );
    const adminClient = await webLogin(ctx(), 'kyc-admin@example.kz', 'a long admin passphrase');
    await enableTwoFactor(ctx(), adminClient);
    const adminUser: KycUser = { ...adminClient, ip: '10.77.0.1', email: 'kyc-admin@example.kz' };
    expect((await admin(adminUser, 'GET', '/v1/admin/kyc/cases')).statusCode).toBe(200);
    expect((await admin(adminUser, 'GET', `/v1/admin/kyc/cases/${caseId}`)).json()).toMatchObject({
      code: 'KYC_COMPLIANCE_ROLE_REQUIRED',
      status: 403,
    });
    expect(
      (await admin(adminUser, 'GET', `/v1/admin/kyc/cases/${caseId}/documents/${front.documentId}`)).json(),
    ).toMatchObject({ code: 'KYC_COMPLIANCE_ROLE_REQUIRED' });

    // Nobody decides their own case.
    const ownCase = await newComplianceOfficer(ctx());
    await walkFlow(ctx(), ownCase, personNamed('Ким').iin);
    const own = await statusEventually(ctx(), ownCase, 'verified');
    expect(
      (await admin(ownCase, 'POST', `/v1/admin/kyc/cases/${own.caseId}/reopen`, { note: 'test' })).json(),
    ).toMatchObject({
      code: 'KYC_OWN_CASE',
    });

    const looks = (await app.sauda.modules.audit.api.list({ actor: officer.userId, limit: 10 })).filter(
      (entry) => entry.action.startsWith('kyc.'),
    );
    expect(looks.map((entry) => entry.action)).toEqual(['kyc.document-viewed', 'kyc.personal-data-viewed']);
    expect(looks[0]).toMatchObject({ entityId: caseId, after: { documentId: front.documentId } });
  });

  it('lets a rejection "with retry" leave the user an attempt, even after the last one', async () => {
    const { simulator } = ctx();
    const officer = await newComplianceOfficer(ctx());
    const user = await newUser(ctx());
    const person = personNamed('Тлеубаев');
    simulator.setRule(person.iin, { decision: 'REVIEW' });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await walkFlow(ctx(), user, person.iin);
      const { caseId } = await statusEventually(ctx(), user, 'manual_review');
      const rejected = await admin(officer, 'POST', `/v1/admin/kyc/cases/${caseId}/reject`, {
        note: 'photo of a screen',
        final: false,
      });
      expect(rejected.json()).toMatchObject({ status: 'rejected', attempt });
    }
    expect(await kycStatus(ctx(), user)).toMatchObject({
      status: 'rejected',
      attemptsUsed: 3,
      attemptsLeft: 1,
      retryAllowed: true,
    });
    const wrong = await admin(
      officer,
      'POST',
      `/v1/admin/kyc/cases/${(await kycStatus(ctx(), user)).caseId}/approve`,
      {
        note: 'not in review',
      },
    );
    expect(wrong.json()).toMatchObject({ code: 'KYC_WRONG_STEP' });
  });
});

describe('KYC journal export', () => {
  it('exports a period as CSV and PDF for compliance officers, and records the export', async () => {
    const { app } = ctx();
    const officer = await newComplianceOfficer(ctx());
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Almaty' }).format(ctx().clock.now());
    const csv = await admin(
      officer,
      'GET',
      `/v1/admin/kyc/journal/export?from=${today}&to=${today}&format=csv`,
      undefined,
      'ru',
    );
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="kyc-journal_${today}_${today}.csv"`,
    );
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^№,Время \(Алматы\),Кто,Операция/);
    expect(lines.length).toBeGreaterThan(20);
    expect(csv.body).toMatch(/900101\*{6}/);
    expect(csv.body).not.toMatch(/900101300017/);

    const pdf = await admin(
      officer,
      'GET',
      `/v1/admin/kyc/journal/export?from=${today}&to=${today}&format=pdf&locale=kk`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const badRange = await admin(
      officer,
      'GET',
      '/v1/admin/kyc/journal/export?from=2026-02-01&to=2026-01-01&format=csv',
    );
    expect(badRange.json()).toMatchObject({ code: 'KYC_EXPORT_RANGE_INVALID', status: 400 });
    const member = await newUser(ctx());
    expect(
      (await call(ctx(), member, 'GET', `/v1/admin/kyc/journal/export?from=${today}&to=${today}&format=csv`))
        .statusCode,
    ).toBe(403);

    const audited = await app.sauda.modules.audit.api.list({
      actor: officer.userId,
      action: 'kyc.journal-exported',
      limit: 5,
    });
    expect(audited.map((entry) => entry.after)).toEqual([
      { from: today, to: today, format: 'pdf', entries: expect.any(Number) as number },
      { from: today, to: today, format: 'csv', entries: lines.length - 1 },
    ]);
    expect(await app.sauda.modules.kyc.api.verifyJournal()).toMatchObject({ ok: true });
  });
});
