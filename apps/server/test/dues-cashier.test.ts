import { describe, expect, it } from 'vitest';
import { ManualClock, sql } from '@sauda/platform';
import { call, newMember, newStaff, PNG, useDuesApp, type DuesUser } from './dues-helpers.ts';

// 5 March 2026, 11:00 in Almaty: before the deadline (the 10th).
const clock = new ManualClock('2026-03-05T06:00:00Z');
const ctx = useDuesApp({ clock });

const REQUISITES = {
  recipient: 'ОЮЛ «Азербайджанская диаспора»',
  bin: '180240000012',
  bank: 'АО «Kaspi Bank»',
  iban: 'KZ72722S000012345678',
};

interface Payment {
  id: string;
  status: string;
  reference: string;
  period: string;
  receipt: { contentType: string; bytes: number } | null;
}

async function transferPayment(member: DuesUser, period?: string): Promise<Payment> {
  const response = await call(ctx(), member, 'POST', '/v1/dues/me/payments', {
    method: 'kaspi_transfer',
    ...(period ? { period } : {}),
  });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json<{ payment: Payment; transfer: { instruction: string; reference: string } }>();
  expect(body.transfer.instruction).toContain(body.payment.reference);
  return body.payment;
}

const upload = (member: DuesUser, paymentId: string, data: Buffer, type = 'image/png') =>
  call(ctx(), member, 'PUT', `/v1/dues/me/payments/${paymentId}/receipt`, data, { 'content-type': type });

describe('bank transfer with a receipt, confirmed by a cashier', () => {
  it('sets up the bank details', async () => {
    const admin = await newStaff(ctx(), 'admin');
    const patched = await call(ctx(), admin, 'PATCH', '/v1/admin/dues/settings', { requisites: REQUISITES });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      requisites: REQUISITES,
      feeSchedule: [{ effectiveFrom: '2000-01' }],
    });
  });

  it('a member uploads a receipt and a cashier confirms it', async () => {
    const member = await newMember(ctx());
    const payment = await transferPayment(member);
    expect(payment).toMatchObject({ status: 'pending', period: '2026-03', receipt: null });
    expect(payment.reference).toMatch(/^D-[0-9A-Z]{8}$/);

    const attached = await upload(member, payment.id, PNG, 'application/octet-stream');
    expect(attached.statusCode, attached.body).toBe(200);
    expect(attached.json()).toMatchObject({ receipt: { contentType: 'image/png', bytes: PNG.length } });
    const own = await call(ctx(), member, 'GET', `/v1/dues/me/payments/${payment.id}/receipt`);
    expect(own.headers['content-type']).toBe('image/png');
    expect(own.rawPayload.equals(PNG)).toBe(true);
    // Stored encrypted: the bytes on disk are not the PNG.
    const { rows } = await ctx().database.db.execute<{ receipt_key: string }>(
      sql`SELECT receipt_key FROM dues.payments WHERE id = ${payment.id}`,
    );
    const stored = await import('node:fs').then((fs) =>
      fs.readFileSync(`${ctx().dataDir}/files/${rows[0]?.receipt_key ?? ''}`),
    );
    expect(stored.includes(PNG.subarray(8, 24))).toBe(false);

    const cashier = await newStaff(ctx(), 'cashier');
    const queue = await call(ctx(), cashier, 'GET', '/v1/admin/dues/payments?status=pending');
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toContain(payment.id);
    const receipt = await call(ctx(), cashier, 'GET', `/v1/admin/dues/payments/${payment.id}/receipt`);
    expect(receipt.rawPayload.equals(PNG)).toBe(true);

    const confirmed = await call(ctx(), cashier, 'POST', `/v1/admin/dues/payments/${payment.id}/confirm`, {});
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: 'confirmed',
      confirmedBy: cashier.userId,
      memberPhone: member.phone,
    });
    // Confirming again is harmless.
    const again = await call(ctx(), cashier, 'POST', `/v1/admin/dues/payments/${payment.id}/confirm`, {});
    expect(again.json()).toMatchObject({ status: 'confirmed' });
    expect((await call(ctx(), member, 'GET', '/v1/dues/me')).json()).toMatchObject({
      member: { status: 'active' },
      currentPeriodPaid: true,
    });

    const pdf = await call(
      ctx(),
      member,
      'GET',
      `/v1/dues/me/payments/${payment.id}/confirmation.pdf`,
      undefined,
      {
        'accept-language': 'kk',
      },
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The embedded DejaVu font is what lets Kazakh letters (ә ғ қ ң ө ұ ү һ і) render.
    expect(pdf.rawPayload.toString('latin1')).toContain('DejaVuSans');

    const audit = await ctx().app.sauda.modules.audit.api.list({ entityId: payment.id, limit: 10 });
    const confirmation = audit.find((entry) => entry.action === 'dues.payment-confirmed');
    expect(confirmation).toMatchObject({
      actor: cashier.userId,
      before: { status: 'pending' },
      after: { status: 'confirmed', ledgerTransferId: `dues_${payment.id}` },
    });
  });

  it('refuses a second confirmed payment for the same month, in the API and in the database', async () => {
    const member = await newMember(ctx());
    const cashier = await newStaff(ctx(), 'cashier');
    const first = await call(ctx(), cashier, 'POST', '/v1/admin/dues/payments', {
      memberId: member.memberId,
      period: '2026-03',
      method: 'manual',
      note: 'наличные на собрании',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'confirmed', method: 'manual' });
    const second = await call(ctx(), cashier, 'POST', '/v1/admin/dues/payments', {
      memberId: member.memberId,
      period: '2026-03',
      method: 'other',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: 'DUES_PERIOD_ALREADY_PAID',
      title: 'Взнос за 2026-03 уже подтверждён',
    });
    const viaMember = await call(ctx(), member, 'POST', '/v1/dues/me/payments', { method: 'kaspi_transfer' });
    expect(viaMember.json()).toMatchObject({ code: 'DUES_PERIOD_ALREADY_PAID' });
    // Even a write that bypasses the API cannot create a second confirmed payment.
    const id = first.json<{ id: string }>().id;
    await expect(
      ctx().database.db.execute(sql`
        INSERT INTO dues.payments (id, member_id, period, amount, currency, status, method, reference,
          ledger_transfer_id, confirmed_at, created_by, created_at, updated_at)
        SELECT 'dpy_forged', member_id, period, amount, currency, 'confirmed', method, 'D-FORGED01',
          'dues_x', now(), 'test', now(), now() FROM dues.payments WHERE id = ${id}`),
    ).rejects.toMatchObject({ cause: { constraint: 'payments_one_confirmed' } });
  });

  it('rejects with a reason, refunds by reversing the ledger transfer, and confirms in bulk', async () => {
    const cashier = await newStaff(ctx(), 'cashier');
    const rejectedMember = await newMember(ctx());
    const toReject = await transferPayment(rejectedMember);
    const noReason = await call(ctx(), cashier, 'POST', `/v1/admin/dues/payments/${toReject.id}/reject`, {});
    expect(noReason.statusCode).toBe(400);
    const rejected = await call(ctx(), cashier, 'POST', `/v1/admin/dues/payments/${toReject.id}/reject`, {
      reason: 'чек не читается',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: 'чек не читается' });
    const lateConfirm = await call(
      ctx(),
      cashier,
      'POST',
      `/v1/admin/dues/payments/${toReject.id}/confirm`,
      {},
    );
    expect(lateConfirm.json()).toMatchObject({ status: 409, code: 'DUES_PAYMENT_NOT_PENDING' });

    const a = await newMember(ctx());
    const b = await newMember(ctx());
    const pa = await transferPayment(a);
    const pb = await transferPayment(b, '2026-04');
    const bulk = await call(ctx(), cashier, 'POST', '/v1/admin/dues/payments/confirm', {
      paymentIds: [pa.id, pb.id, toReject.id],
    });
    expect(bulk.statusCode, bulk.body).toBe(200);
    expect(bulk.json()).toEqual({
      results: [
        { paymentId: pa.id, status: 'confirmed', code: null, message: null },
        { paymentId: pb.id, status: 'confirmed', code: null, message: null },
        {
          paymentId: toReject.id,
          status: 'failed',
          code: 'DUES_PAYMENT_NOT_PENDING',
          message: 'Платёж уже обработан (статус «rejected»)',
        },
      ],
    });

    const treasury = async () => {
      const [account] = await ctx().app.sauda.modules.ledger.api.listAccounts('community:dues');
      return account ? account.creditsPosted - account.debitsPosted : 0n;
    };
    const held = await treasury();
    const refunded = await call(ctx(), cashier, 'POST', `/v1/admin/dues/payments/${pa.id}/refund`, {
      reason: 'оплатил дважды',
    });
    expect(refunded.json()).toMatchObject({ status: 'refunded', refundReason: 'оплатил дважды' });
    expect(await treasury()).toBe(held - 200000n);
    const reversal = await ctx().app.sauda.modules.ledger.api.getTransfer(`dues_${pa.id}:refund`);
    expect(reversal).toMatchObject({ amount: 200000n });
    const refundAgain = await call(ctx(), cashier, 'POST', `/v1/admin/dues/payments/${pa.id}/refund`, {
      reason: 'x',
    });
    expect(refundAgain.json()).toMatchObject({ status: 'refunded' });
    expect(await treasury()).toBe(held - 200000n);
    // The month is unpaid again and can be paid anew.
    expect((await call(ctx(), a, 'GET', '/v1/dues/me')).json()).toMatchObject({ currentPeriodPaid: false });
  });

  it('exports the CSV with exactly the agreed columns, UTF-8 with BOM', async () => {
    const member = await newMember(ctx(), { fullName: 'Алиева Севиндж Ағайқызы' });
    const unpaid = await newMember(ctx(), { fullName: '=Гасанова Айгюн' });
    const cashier = await newStaff(ctx(), 'cashier');
    await call(ctx(), cashier, 'POST', '/v1/admin/dues/payments', {
      memberId: member.memberId,
      period: '2026-03',
      method: 'manual',
    });
    const payments = await call(
      ctx(),
      cashier,
      'GET',
      `/v1/admin/dues/payments/export.csv?memberId=${member.memberId}`,
    );
    expect(payments.statusCode, payments.body).toBe(200);
    expect(payments.headers['content-type']).toBe('text/csv; charset=utf-8');
    const expected = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        'ФИО,телефон,период,статус,дата подтверждения\r\n' +
          `Алиева Севиндж Ағайқызы,${member.phone},2026-03,подтверждён,2026-03-05 11:00\r\n`,
        'utf8',
      ),
    ]);
    expect(payments.rawPayload.equals(expected), payments.rawPayload.toString()).toBe(true);

    const admin = await newStaff(ctx(), 'admin');
    const members = await call(
      ctx(),
      admin,
      'GET',
      `/v1/admin/dues/members/export.csv?period=2026-03&search=${encodeURIComponent('Гасанова')}`,
    );
    expect(members.rawPayload.toString('utf8')).toBe(
      '\uFEFFФИО,телефон,период,статус,дата подтверждения\r\n' +
        `'=Гасанова Айгюн,${unpaid.phone},2026-03,не оплачен,\r\n`,
    );
  });

  it('enforces roles: a cashier cannot edit pages, a content manager cannot confirm payments', async () => {
    const cashier = await newStaff(ctx(), 'cashier');
    const editor = await newStaff(ctx(), 'content_manager');
    const member = await newMember(ctx());
    const payment = await transferPayment(member, '2026-04');

    const cashierEdits = await call(ctx(), cashier, 'PUT', '/v1/admin/dues/pages/about/ru', {
      title: 'О нас',
      body: 'текст',
      baseVersion: 0,
    });
    expect(cashierEdits.statusCode).toBe(403);
    const editorConfirms = await call(
      ctx(),
      editor,
      'POST',
      `/v1/admin/dues/payments/${payment.id}/confirm`,
      {},
    );
    expect(editorConfirms.statusCode).toBe(403);
    expect(editorConfirms.json()).toMatchObject({ code: 'PLATFORM_FORBIDDEN' });
    const memberConfirms = await call(
      ctx(),
      member,
      'POST',
      `/v1/admin/dues/payments/${payment.id}/confirm`,
      {},
    );
    expect(memberConfirms.statusCode).toBe(403);
    const anonymous = await ctx().app.inject({ method: 'GET', url: '/v1/dues/me' });
    expect(anonymous.statusCode).toBe(401);
    const stillPending = await call(ctx(), cashier, 'GET', `/v1/admin/dues/payments/${payment.id}`);
    expect(stillPending.json()).toMatchObject({ status: 'pending' });
    expect(
      (
        await call(ctx(), editor, 'PUT', '/v1/admin/dues/pages/about/ru', {
          title: 'О нас',
          body: 'текст',
          baseVersion: 0,
        })
      ).statusCode,
    ).toBe(200);
    expect((await call(ctx(), cashier, 'GET', '/v1/admin/dues/audit')).statusCode).toBe(403);
  });

  it("refuses bad receipts and other people's payments without changing anything", async () => {
    const member = await newMember(ctx());
    const other = await newMember(ctx());
    const payment = await transferPayment(member, '2026-04');
    const text = await upload(member, payment.id, Buffer.from('just some text, not a picture'), 'image/png');
    expect(text.json()).toMatchObject({ status: 422, code: 'DUES_RECEIPT_INVALID' });
    const wrongType = await upload(member, payment.id, PNG, 'text/plain');
    expect(wrongType.statusCode).toBe(415);
    const huge = await upload(member, payment.id, Buffer.alloc(10 * 1024 * 1024 + 1, 1), 'application/pdf');
    expect(huge.statusCode).toBe(413);
    const notMine = await upload(other, payment.id, PNG);
    expect(notMine.json()).toMatchObject({ status: 404, code: 'DUES_PAYMENT_NOT_FOUND' });
    expect((await call(ctx(), other, 'GET', `/v1/dues/me/payments/${payment.id}`)).statusCode).toBe(404);
    expect(
      (await call(ctx(), other, 'GET', `/v1/dues/me/payments/${payment.id}/confirmation.pdf`)).statusCode,
    ).toBe(404);
    const badId = await call(ctx(), member, 'GET', '/v1/dues/me/payments/not-an-id');
    expect(badId.json()).toMatchObject({ status: 400, code: 'PLATFORM_VALIDATION' });
    const unconfirmedPdf = await call(
      ctx(),
      member,
      'GET',
      `/v1/dues/me/payments/${payment.id}/confirmation.pdf`,
    );
    expect(unconfirmedPdf.json()).toMatchObject({ code: 'DUES_PAYMENT_NOT_CONFIRMED' });
    const after = await call(ctx(), member, 'GET', `/v1/dues/me/payments/${payment.id}`);
    expect(after.json()).toMatchObject({ receipt: null, status: 'pending' });

    const farFuture = await call(ctx(), member, 'POST', '/v1/dues/me/payments', {
      method: 'kaspi_transfer',
      period: '2027-01',
    });
    expect(farFuture.json()).toMatchObject({ status: 422, code: 'DUES_PERIOD_NOT_PAYABLE' });
    const badPeriod = await call(ctx(), member, 'POST', '/v1/dues/me/payments', {
      method: 'kaspi_transfer',
      period: '2026-13',
    });
    expect(badPeriod.json()).toMatchObject({ status: 400, code: 'PLATFORM_VALIDATION' });
    const badMethod = await call(ctx(), member, 'POST', '/v1/dues/me/payments', { method: 'cash' });
    expect(badMethod.statusCode).toBe(400);
    const wrongType2 = await call(ctx(), member, 'POST', '/v1/dues/me/payments', {
      method: 'kaspi_transfer',
      period: 202604,
    });
    expect(wrongType2.statusCode).toBe(400);
  });
});
