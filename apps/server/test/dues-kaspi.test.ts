import { describe, expect, it } from 'vitest';
import { createKaspiMerchantProvider, createWebhookGatewayProvider } from '@sauda/dues';
import { signatureHeader } from '@sauda/sandbox';
import { sql } from '@sauda/platform';
import { call, DUES_SECRETS, newMember, useDuesApp } from './dues-helpers.ts';

const ctx = useDuesApp();

interface PaymentView {
  id: string;
  status: string;
  period: string;
  online: {
    provider: string;
    paymentUrl: string;
    qrPayload: string;
    qrImage?: string;
    status: string;
  } | null;
}

const kaspiId = (payment: PaymentView): string => {
  const url = payment.online?.paymentUrl ?? '';
  return url.slice(url.lastIndexOf('/') + 1);
};

async function webhook(rawBody: string, signature: string) {
  return ctx().app.inject({
    method: 'POST',
    url: '/v1/dues/provider/webhook',
    headers: { 'content-type': 'application/json', 'x-sauda-signature': signature },
    payload: rawBody,
  });
}

const countRows = async (table: string): Promise<number> => {
  const { rows } = await ctx().database.db.execute<{ count: string }>(
    sql.raw(`SELECT count(*) FROM ${table}`),
  );
  return Number(rows[0]?.count ?? 0);
};

describe('paying dues through Kaspi', () => {
  it('a member registers, pays through the sandbox Kaspi and becomes active without staff', async () => {
    const member = await newMember(ctx());
    const before = await call(ctx(), member, 'GET', '/v1/dues/me');
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({
      member: { status: 'pending', phone: member.phone, city: 'Алматы' },
      currentPeriodPaid: false,
      fee: { amount: '200000', asset: 'KZT' },
      methods: { kaspiQr: true, transfer: false },
    });

    const started = await call(ctx(), member, 'POST', '/v1/dues/me/payments', { method: 'kaspi_qr' });
    expect(started.statusCode, started.body).toBe(200);
    const { payment } = started.json<{ payment: PaymentView }>();
    expect(payment).toMatchObject({ status: 'pending', online: { provider: 'gateway', status: 'created' } });
    expect(payment.online?.qrImage).toMatch(/^data:image\/png;base64,/);

    // Pressing "pay" again reuses the open payment and the same Kaspi payment.
    const again = await call(ctx(), member, 'POST', '/v1/dues/me/payments', { method: 'kaspi_qr' });
    expect(again.json<{ payment: PaymentView }>().payment).toMatchObject({
      id: payment.id,
      online: { paymentUrl: payment.online?.paymentUrl },
    });

    // The payer opens the Kaspi page (QR and button) and pays.
    const page = await fetch(payment.online?.paymentUrl ?? '');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<svg');
    const paid = await fetch(payment.online?.paymentUrl ?? '', { method: 'POST', redirect: 'manual' });
    expect([200, 303]).toContain(paid.status);

    const after = await call(ctx(), member, 'GET', '/v1/dues/me');
    expect(after.json()).toMatchObject({ member: { status: 'active' }, currentPeriodPaid: true });
    const history = await call(ctx(), member, 'GET', '/v1/dues/me/payments');
    expect(history.json()).toMatchObject({
      payments: [
        { id: payment.id, status: 'confirmed', confirmedBy: 'provider:gateway', online: { status: 'paid' } },
      ],
    });
    const transfer = await ctx().app.sauda.modules.ledger.api.getTransfer(`dues_${payment.id}`);
    expect(transfer).toMatchObject({ amount: 200000n, code: 'dues' });
    const audit = await ctx().app.sauda.modules.audit.api.list({ entityId: payment.id, limit: 10 });
    expect(audit.map((entry) => entry.action)).toContain('dues.payment-confirmed');

    // Paying again for a month already confirmed is refused.
    const twice = await call(ctx(), member, 'POST', '/v1/dues/me/payments', { method: 'kaspi_qr' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'DUES_PERIOD_ALREADY_PAID' });
  });

  it('a replayed webhook changes nothing; forged, stale and malformed ones are refused', async () => {
    const member = await newMember(ctx());
    const started = await call(ctx(), member, 'POST', '/v1/dues/me/payments', { method: 'kaspi_qr' });
    const { payment } = started.json<{ payment: PaymentView }>();
    const id = kaspiId(payment);

    const forgedBody = JSON.stringify({
      event_id: 'evt_forged',
      type: 'payment.updated',
      payment: { id, external_id: `${payment.id}.1`, status: 'paid', amount: '2000.00', currency: 'KZT' },
    });
    const events = await countRows('dues.provider_events');
    const forged = await webhook(forgedBody, signatureHeader('not-the-secret', forgedBody));
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ code: 'DUES_WEBHOOK_SIGNATURE_INVALID' });
    const unsigned = await webhook(forgedBody, '');
    expect(unsigned.statusCode).toBe(401);
    const stale = await webhook(
      forgedBody,
      signatureHeader(
        DUES_SECRETS.SAUDA_DUES_GATEWAY_WEBHOOK_SECRET,
        forgedBody,
        Math.floor(Date.now() / 1000) - 3600,
      ),
    );
    expect(stale.json()).toMatchObject({ status: 400, code: 'DUES_WEBHOOK_STALE' });
    const junk = '{"event_id":"x"}';
    const malformed = await webhook(
      junk,
      signatureHeader(DUES_SECRETS.SAUDA_DUES_GATEWAY_WEBHOOK_SECRET, junk),
    );
    expect(malformed.json()).toMatchObject({ status: 400, code: 'DUES_WEBHOOK_MALFORMED' });
    // Correctly signed, but the amount is not the dues: recorded on the attempt, nothing confirmed.
    const wrongAmount = JSON.stringify({
      event_id: 'evt_wrong_amount',
      type: 'payment.updated',
      payment: { id, status: 'paid', amount: '20.00', currency: 'KZT' },
    });
    const mismatch = await webhook(
      wrongAmount,
      signatureHeader(DUES_SECRETS.SAUDA_DUES_GATEWAY_WEBHOOK_SECRET, wrongAmount),
    );
    expect(mismatch.json()).toEqual({ status: 'applied' });
    expect(await countRows('dues.provider_events')).toBe(events + 1);
    const unchanged = await call(ctx(), member, 'GET', `/v1/dues/me/payments/${payment.id}`);
    expect(unchanged.json()).toMatchObject({ status: 'pending', online: { status: 'amount-mismatch' } });
    expect(await ctx().app.sauda.modules.ledger.api.getTransfer(`dues_${payment.id}`)).toBeUndefined();

    // A fresh attempt, paid for real; then the sandbox replays the same event.
    const retry = await call(ctx(), member, 'POST', '/v1/dues/me/payments', { method: 'kaspi_qr' });
    const fresh = retry.json<{ payment: PaymentView }>().payment;
    expect(kaspiId(fresh)).not.toBe(id);
    const settled = await ctx().kaspi.settle(kaspiId(fresh), 'paid');
    expect(settled.delivery?.status).toBe(200);
    const confirmedAudit = await ctx().app.sauda.modules.audit.api.list({ entityId: payment.id, limit: 20 });
    const replay = await fetch(`${ctx().sandbox.url}/kaspi/payments/${kaspiId(fresh)}/resend`, {
      method: 'POST',
    });
    expect(((await replay.json()) as { delivery: { status: number } }).delivery.status).toBe(200);
    const replayedDirectly = await webhook(
      JSON.stringify(ctx().kaspi.payments.find((p) => p.id === kaspiId(fresh))?.lastEvent?.body),
      signatureHeader(
        DUES_SECRETS.SAUDA_DUES_GATEWAY_WEBHOOK_SECRET,
        JSON.stringify(ctx().kaspi.payments.find((p) => p.id === kaspiId(fresh))?.lastEvent?.body),
      ),
    );
    expect(replayedDirectly.json()).toEqual({ status: 'duplicate' });
    expect(await ctx().app.sauda.modules.audit.api.list({ entityId: payment.id, limit: 20 })).toHaveLength(
      confirmedAudit.length,
    );
    const statement = await ctx().database.db.execute<{ count: string }>(
      sql`SELECT count(*) FROM ledger.transfers WHERE id LIKE ${`dues_${payment.id}%`}`,
    );
    expect(Number(statement.rows[0]?.count)).toBe(1);
  });

  it('a lost webhook is made up for by the reconciliation job', async () => {
    const member = await newMember(ctx());
    const started = await call(ctx(), member, 'POST', '/v1/dues/me/payments', { method: 'kaspi_qr' });
    const { payment } = started.json<{ payment: PaymentView }>();
    await ctx().kaspi.settle(kaspiId(payment), 'paid', { webhook: false });
    expect((await call(ctx(), member, 'GET', '/v1/dues/me')).json()).toMatchObject({
      member: { status: 'pending' },
    });
    const result = await ctx().app.sauda.modules.dues.api.reconcilePayments();
    expect(result.applied).toBeGreaterThanOrEqual(1);
    expect((await call(ctx(), member, 'GET', '/v1/dues/me')).json()).toMatchObject({
      member: { status: 'active' },
    });
    // Running it again finds nothing more to do for this payment.
    await ctx().app.sauda.modules.dues.api.reconcilePayments();
    expect(await ctx().app.sauda.modules.ledger.api.getTransfer(`dues_${payment.id}:refund`)).toBeUndefined();
  });

  it('a payment the bank refused closes the attempt; the member gets a new QR', async () => {
    const member = await newMember(ctx());
    const first = (await call(ctx(), member, 'POST', '/v1/dues/me/payments', { method: 'kaspi_qr' })).json<{
      payment: PaymentView;
    }>().payment;
    const refused = await ctx().kaspi.settle(kaspiId(first), 'failed');
    expect(refused.delivery?.status).toBe(200);
    const second = (await call(ctx(), member, 'POST', '/v1/dues/me/payments', { method: 'kaspi_qr' })).json<{
      payment: PaymentView;
    }>().payment;
    expect(second.id).toBe(first.id);
    expect(kaspiId(second)).not.toBe(kaspiId(first));
  });
});

describe('payment provider adapters against the sandbox Kaspi', () => {
  it('the merchant QR adapter creates a QR, polls it and sees the payment', async () => {
    const provider = createKaspiMerchantProvider({
      url: `${ctx().sandbox.url}/kaspi/r3/v01`,
      organizationBin: '180240000012',
      deviceToken: 'sandbox-device',
      mode: 'qr',
    });
    const request = {
      externalId: 'merchant-test-1',
      amount: 200000n,
      currency: 'KZT',
      description: 'dues',
      returnUrl: 'http://127.0.0.1/cabinet',
      callbackUrl: 'http://127.0.0.1/none',
    };
    const created = await provider.createPayment(request);
    expect(created.qrPayload).toContain('/kaspi/pay/');
    expect((await provider.createPayment(request)).providerPaymentId).toBe(created.providerPaymentId);
    expect(await provider.fetchStatus(created.providerPaymentId)).toEqual({ status: 'pending' });
    await ctx().kaspi.settle(created.providerPaymentId, 'paid');
    expect(await provider.fetchStatus(created.providerPaymentId)).toMatchObject({ status: 'paid' });
    expect(() => provider.parseWebhook({ headers: {}, rawBody: '{}', now: new Date() })).toThrow('signature');

    const link = await createKaspiMerchantProvider({
      url: `${ctx().sandbox.url}/kaspi/r3/v01`,
      organizationBin: '180240000012',
      deviceToken: 'sandbox-device',
      mode: 'link',
    }).createPayment({ ...request, externalId: 'merchant-test-2' });
    expect(link.paymentUrl).toContain('/kaspi/pay/');

    const wrongDevice = createKaspiMerchantProvider({
      url: `${ctx().sandbox.url}/kaspi/r3/v01`,
      organizationBin: '180240000012',
      deviceToken: 'someone-else',
      mode: 'qr',
    });
    await expect(wrongDevice.createPayment(request)).rejects.toThrow('Kaspi refused');
    await expect(provider.fetchStatus('999999999')).rejects.toThrow('Kaspi refused');
    const down = createKaspiMerchantProvider({
      url: 'http://127.0.0.1:9/r3/v01',
      organizationBin: 'x',
      deviceToken: 'y',
      mode: 'qr',
    });
    await expect(down.createPayment(request)).rejects.toThrow('unreachable');
  });

  it('the gateway adapter refuses a wrong key and reports an unreachable gateway', async () => {
    const wrong = createWebhookGatewayProvider({
      url: `${ctx().sandbox.url}/kaspi/gateway`,
      apiKey: 'wrong',
      webhookSecret: 'x',
    });
    const request = {
      externalId: 'gw-test',
      amount: 200000n,
      currency: 'KZT',
      description: 'dues',
      returnUrl: 'http://127.0.0.1/cabinet',
      callbackUrl: 'http://127.0.0.1/none',
    };
    await expect(wrong.createPayment(request)).rejects.toThrow('refused');
    const down = createWebhookGatewayProvider({ url: 'http://127.0.0.1:9', apiKey: 'k', webhookSecret: 's' });
    await expect(down.createPayment(request)).rejects.toThrow('unreachable');
  });
});
