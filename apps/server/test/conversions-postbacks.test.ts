import { describe, expect, it } from 'vitest';
import { signatureHeader } from '@sauda/conversions';
import { useTestApp } from '@sauda/testing';
import {
  accepted,
  changedEvents,
  conversionOf,
  count,
  isoAgo,
  partnerWithClick,
  postback,
  processReports,
  SECRET,
  signedNetwork,
  unique,
} from './conversions-helpers.ts';

const ctx = useTestApp();
const signatureFor = (body: string): string => signatureHeader(SECRET, body);

describe('postbacks and the conversion state machine', () => {
  it('stores a signed postback, answers 202 at once, and processing creates one conversion and one event', async () => {
    const { network } = await signedNetwork(ctx());
    const { partner, userId, clickId } = await partnerWithClick(ctx());
    const actionId = unique('act');
    const id = await accepted(
      postback(ctx(), network.key, {
        click_id: clickId,
        action_id: actionId,
        order_id: 'ORD-1',
        status: 'pending',
        payment_sum: '123.45',
        order_sum: '2469.00',
        currency: 'KZT',
        action_date: isoAgo(ctx(), 5),
        status_updated: isoAgo(ctx(), 5),
      }),
    );
    expect(id).toMatch(/^pbk_/);
    // Stored before anything else; nothing processed yet.
    expect(
      await count(ctx(), 'SELECT count(*) FROM conversions.inbox WHERE id = $1 AND processed_at IS NULL', [
        id,
      ]),
    ).toBe(1);
    expect(await conversionOf(ctx(), network.id, actionId)).toBeUndefined();

    await processReports(ctx());
    const conversion = await conversionOf(ctx(), network.id, actionId);
    expect(conversion).toMatchObject({
      state: 'pending',
      commission: '12345',
      attribution_status: 'attributed',
      user_id: userId,
      partner_id: partner.id,
      product: 'loyalty',
      revision: 1,
    });
    const events = await changedEvents(ctx(), actionId);
    expect(events).toEqual([
      expect.objectContaining({
        conversionId: conversion?.id,
        revision: 1,
        product: 'loyalty',
        state: 'pending',
        previousState: null,
        partnerId: partner.id,
        userId,
        networkKey: network.key,
        clickId,
        commission: '12345',
        previousCommission: '0',
        orderAmount: '246900',
        currency: 'KZT',
        attribution: 'click',
      }),
    ]);
  });

  it('the same postback ten times gives one conversion and one event', async () => {
    const { network } = await signedNetwork(ctx());
    const { clickId } = await partnerWithClick(ctx());
    const actionId = unique('act');
    const fields = { click_id: clickId, action_id: actionId, status: 'pending', payment_sum: '50.00' };
    for (let i = 0; i < 10; i += 1) await accepted(postback(ctx(), network.key, fields));
    await processReports(ctx());
    expect(
      await count(ctx(), 'SELECT count(*) FROM conversions.conversions WHERE network_id = $1', [network.id]),
    ).toBe(1);
    expect(await changedEvents(ctx(), actionId)).toHaveLength(1);
    const { rows } = await ctx().database.pool.query<{ outcome: string; n: string }>(
      'SELECT outcome, count(*) AS n FROM conversions.inbox WHERE network_id = $1 GROUP BY outcome ORDER BY outcome',
      [network.id],
    );
    expect(rows).toEqual([
      { outcome: 'created', n: '1' },
      { outcome: 'duplicate', n: '9' },
    ]);
    // Duplicates processed in a later batch are harmless too.
    await accepted(postback(ctx(), network.key, fields));
    await processReports(ctx());
    expect(await changedEvents(ctx(), actionId)).toHaveLength(1);
  });

  it('converges when approved arrives before pending, and reverses on a later decline', async () => {
    const { network } = await signedNetwork(ctx());
    const { clickId } = await partnerWithClick(ctx());
    const actionId = unique('act');
    const base = {
      click_id: clickId,
      action_id: actionId,
      payment_sum: '100.00',
      action_date: isoAgo(ctx(), 60),
    };
    await accepted(
      postback(ctx(), network.key, { ...base, status: 'approved', status_updated: isoAgo(ctx(), 10) }),
    );
    await processReports(ctx());
    await accepted(
      postback(ctx(), network.key, { ...base, status: 'pending', status_updated: isoAgo(ctx(), 50) }),
    );
    await processReports(ctx());
    expect((await conversionOf(ctx(), network.id, actionId))?.state).toBe('approved');
    expect((await changedEvents(ctx(), actionId)).map((event) => event.state)).toEqual(['approved']);

    await accepted(
      postback(ctx(), network.key, { ...base, status: 'declined', status_updated: isoAgo(ctx(), 1) }),
    );
    await processReports(ctx());
    const events = await changedEvents(ctx(), actionId);
    expect(events.map((event) => [event.revision, event.previousState, event.state])).toEqual([
      [1, null, 'approved'],
      [2, 'approved', 'reversed'],
    ]);
    expect(events[1]).toMatchObject({ commission: '10000', previousCommission: '10000' });
    // Reversed is final: a late approval changes nothing.
    await accepted(
      postback(ctx(), network.key, { ...base, status: 'approved', status_updated: isoAgo(ctx(), 0) }),
    );
    await processReports(ctx());
    expect((await conversionOf(ctx(), network.id, actionId))?.state).toBe('reversed');
    expect(await changedEvents(ctx(), actionId)).toHaveLength(2);
  });

  it('in one batch, reports of one action apply in arrival order: pending → approved → paid', async () => {
    const { network } = await signedNetwork(ctx());
    const { clickId } = await partnerWithClick(ctx());
    const actionId = unique('act');
    const base = { click_id: clickId, action_id: actionId, payment_sum: '10.00' };
    await accepted(postback(ctx(), network.key, { ...base, status: 'pending' }));
    await accepted(postback(ctx(), network.key, { ...base, status: 'approved_but_stalled' }));
    await accepted(postback(ctx(), network.key, { ...base, status: 'paid' }));
    await processReports(ctx());
    expect((await changedEvents(ctx(), actionId)).map((event) => [event.previousState, event.state])).toEqual(
      [
        [null, 'pending'],
        ['pending', 'approved'],
        ['approved', 'paid'],
      ],
    );
  });

  it('declines a pending conversion', async () => {
    const { network } = await signedNetwork(ctx());
    const { clickId } = await partnerWithClick(ctx());
    const actionId = unique('act');
    await accepted(
      postback(ctx(), network.key, {
        click_id: clickId,
        action_id: actionId,
        status: 'pending',
        payment_sum: '5',
      }),
    );
    await accepted(
      postback(ctx(), network.key, {
        click_id: clickId,
        action_id: actionId,
        status: 'declined',
        payment_sum: '5',
      }),
    );
    await processReports(ctx());
    expect((await changedEvents(ctx(), actionId)).map((event) => event.state)).toEqual([
      'pending',
      'declined',
    ]);
  });

  it('a partial refund lowers the commission in a new revision that carries the previous one', async () => {
    const { network } = await signedNetwork(ctx());
    const { clickId } = await partnerWithClick(ctx());
    const actionId = unique('act');
    const base = { click_id: clickId, action_id: actionId, status: 'approved' };
    await accepted(
      postback(ctx(), network.key, { ...base, payment_sum: '1000.00', status_updated: isoAgo(ctx(), 30) }),
    );
    await accepted(
      postback(ctx(), network.key, { ...base, payment_sum: '800.00', status_updated: isoAgo(ctx(), 20) }),
    );
    // The older report arriving again afterwards is stale.
    await accepted(
      postback(ctx(), network.key, { ...base, payment_sum: '1000.00', status_updated: isoAgo(ctx(), 30) }),
    );
    await processReports(ctx());
    const events = await changedEvents(ctx(), actionId);
    expect(
      events.map((event) => [event.revision, event.state, event.previousCommission, event.commission]),
    ).toEqual([
      [1, 'approved', '0', '100000'],
      [2, 'approved', '100000', '80000'],
    ]);
    expect((await conversionOf(ctx(), network.id, actionId))?.commission).toBe('80000');
  });
});

describe('refused postbacks change nothing', () => {
  async function nothingChanged(
    networkId: string,
    run: () => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>,
    status: number,
    code: string,
  ) {
    const before = await count(ctx(), 'SELECT count(*) FROM conversions.conversions WHERE network_id = $1', [
      networkId,
    ]);
    const eventsBefore = (await changedEvents(ctx())).length;
    const response = await run();
    expect(response.statusCode, response.body).toBe(status);
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ code });
    await processReports(ctx());
    expect(
      await count(ctx(), 'SELECT count(*) FROM conversions.conversions WHERE network_id = $1', [networkId]),
    ).toBe(before);
    expect((await changedEvents(ctx())).length).toBe(eventsBefore);
  }

  it('refuses bad signatures, expired timestamps, missing signatures and foreign addresses', async () => {
    const { network } = await signedNetwork(ctx(), { ipAllowlist: ['203.0.113.0/24'] });
    const { clickId } = await partnerWithClick(ctx());
    const fields = { click_id: clickId, action_id: unique('act'), status: 'approved', payment_sum: '10' };
    await nothingChanged(
      network.id,
      () => postback(ctx(), network.key, fields, { secret: 'wrong-secret-wrong-secret' }),
      401,
      'CONVERSIONS_SIGNATURE_INVALID',
    );
    await nothingChanged(
      network.id,
      () => postback(ctx(), network.key, fields, { unix: Math.floor(Date.now() / 1000) - 301 }),
      401,
      'CONVERSIONS_SIGNATURE_EXPIRED',
    );
    await nothingChanged(
      network.id,
      () => postback(ctx(), network.key, fields, { signature: 't=1,v1=abc' }),
      401,
      'CONVERSIONS_SIGNATURE_INVALID',
    );
    await nothingChanged(
      network.id,
      () =>
        ctx().app.inject({
          method: 'POST',
          url: `/postbacks/${network.key}?secret=${'x'.repeat(20)}`,
          headers: { 'content-type': 'application/json' },
          remoteAddress: '203.0.113.10',
          payload: JSON.stringify(fields),
        }),
      401,
      'CONVERSIONS_AUTHENTICATION_REQUIRED',
    );
    await nothingChanged(
      network.id,
      () => postback(ctx(), network.key, fields, { remoteAddress: '192.0.2.55' }),
      403,
      'CONVERSIONS_IP_NOT_ALLOWED',
    );
    await nothingChanged(
      network.id,
      () => postback(ctx(), 'no-such-network', fields),
      404,
      'CONVERSIONS_NETWORK_NOT_FOUND',
    );
    // Refused before authentication: nothing stored.
    expect(
      await count(ctx(), 'SELECT count(*) FROM conversions.inbox WHERE network_id = $1', [network.id]),
    ).toBe(0);
  });

  it('refuses negative and absurd amounts, unknown currencies and statuses, and bad fields, and keeps them as rejected', async () => {
    const { network } = await signedNetwork(ctx());
    const { clickId } = await partnerWithClick(ctx());
    const base = { click_id: clickId, status: 'approved', payment_sum: '10.00', order_sum: '100.00' };
    const cases: [Record<string, unknown>, string][] = [
      [{ payment_sum: '-5.00' }, 'CONVERSIONS_INVALID_AMOUNT'],
      [{ payment_sum: '99999999999999999999' }, 'CONVERSIONS_INVALID_AMOUNT'],
      [{ payment_sum: '1e9' }, 'CONVERSIONS_INVALID_AMOUNT'],
      [{ payment_sum: '10.001' }, 'CONVERSIONS_INVALID_AMOUNT'],
      [{ payment_sum: '500.00' }, 'CONVERSIONS_INVALID_AMOUNT'],
      [{ currency: 'XYZ' }, 'CONVERSIONS_UNKNOWN_CURRENCY'],
      [{ status: 'teleported' }, 'CONVERSIONS_UNKNOWN_STATUS'],
      [{ action_date: 'yesterday' }, 'CONVERSIONS_INVALID_REPORT'],
      [{ action_date: '2999-01-01T00:00:00Z' }, 'CONVERSIONS_INVALID_REPORT'],
      [{ action_ip: 'not-an-ip' }, 'CONVERSIONS_INVALID_REPORT'],
      [{ payment_sum: { nested: true } }, 'CONVERSIONS_INVALID_REPORT'],
      [{ action_id: '' }, 'CONVERSIONS_INVALID_REPORT'],
      [{ action_id: 'x'.repeat(200) }, 'CONVERSIONS_INVALID_REPORT'],
    ];
    for (const [override, code] of cases) {
      const fields = { ...base, action_id: unique('act'), ...override };
      await nothingChanged(network.id, () => postback(ctx(), network.key, fields), 422, code);
    }
    const { rows } = await ctx().database.pool.query<{ outcome: string; error_code: string }>(
      'SELECT outcome, error_code FROM conversions.inbox WHERE network_id = $1 ORDER BY seq',
      [network.id],
    );
    expect(rows).toHaveLength(cases.length);
    expect(rows.map((row) => row.outcome)).toEqual(cases.map(() => 'rejected'));
    expect(rows.map((row) => row.error_code)).toEqual(cases.map(([, code]) => code));
  });

  it('refuses malformed bodies, unsupported media types and a 10 MB body', async () => {
    const { network } = await signedNetwork(ctx());
    const signed = (body: string, contentType: string) =>
      ctx().app.inject({
        method: 'POST',
        url: `/postbacks/${network.key}`,
        remoteAddress: '203.0.113.10',
        headers: { 'content-type': contentType, 'x-sauda-signature': signatureFor(body) },
        payload: body,
      });
    await nothingChanged(
      network.id,
      () => signed('{"action_id": ', 'application/json'),
      400,
      'CONVERSIONS_MALFORMED_REPORT',
    );
    await nothingChanged(
      network.id,
      () => signed('[1,2,3]', 'application/json'),
      400,
      'CONVERSIONS_MALFORMED_REPORT',
    );
    await nothingChanged(
      network.id,
      () => signed('<xml/>', 'application/xml'),
      415,
      'PLATFORM_UNSUPPORTED_MEDIA_TYPE',
    );
    const huge = JSON.stringify({
      action_id: 'big',
      status: 'approved',
      payment_sum: '1',
      padding: 'x'.repeat(10 * 1024 * 1024),
    });
    await nothingChanged(
      network.id,
      () => signed(huge, 'application/json'),
      413,
      'PLATFORM_PAYLOAD_TOO_LARGE',
    );
  });
});

describe('networks that cannot sign (Admitad-style secret in the URL)', () => {
  it('accepts the secret as a query parameter or in the path, and keeps it out of the inbox', async () => {
    const { network, secret } = await signedNetwork(ctx(), { kind: 'admitad', secret: undefined });
    const { clickId, userId } = await partnerWithClick(ctx());
    const actionId = unique('act');
    const query = new URLSearchParams({
      subid: clickId,
      action_id: actionId,
      status: 'pending',
      payment_sum: '7.50',
      currency: 'KZT',
      secret,
    });
    const viaQuery = await ctx().app.inject({
      url: `/postbacks/${network.key}?${query.toString()}`,
      remoteAddress: '203.0.113.20',
    });
    expect(viaQuery.statusCode, viaQuery.body).toBe(202);
    query.delete('secret');
    query.set('status', 'approved');
    const viaPath = await ctx().app.inject({
      url: `/postbacks/${network.key}/${encodeURIComponent(secret)}?${query.toString()}`,
      remoteAddress: '203.0.113.20',
    });
    expect(viaPath.statusCode, viaPath.body).toBe(202);
    const wrong = await ctx().app.inject({
      url: `/postbacks/${network.key}/not-the-secret-at-all?${query.toString()}`,
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'CONVERSIONS_SECRET_INVALID' });

    const { rows } = await ctx().database.pool.query<{ query: string; auth: string }>(
      'SELECT query, auth FROM conversions.inbox WHERE network_id = $1 ORDER BY seq',
      [network.id],
    );
    expect(rows.map((row) => row.auth)).toEqual(['secret', 'secret']);
    for (const row of rows) expect(row.query).not.toContain(secret);
    expect(rows[0]?.query).toContain('secret=%5Bredacted%5D');

    await processReports(ctx());
    expect(await changedEvents(ctx(), actionId)).toEqual([
      expect.objectContaining({ state: 'pending', userId, commission: '750' }),
      expect.objectContaining({ state: 'approved', previousState: 'pending' }),
    ]);
  });

  it('a signing network does not accept a secret in the URL', async () => {
    const { network, secret } = await signedNetwork(ctx());
    const response = await ctx().app.inject({
      url: `/postbacks/${network.key}/${secret}?action_id=a&status=pending&payment_sum=1`,
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'CONVERSIONS_AUTHENTICATION_REQUIRED' });
  });

  it('a signed GET signs its query string', async () => {
    const { network } = await signedNetwork(ctx(), { kind: 's2s' });
    const query = new URLSearchParams({
      action_id: unique('act'),
      status: 'pending',
      payment_sum: '3',
    }).toString();
    const response = await ctx().app.inject({
      url: `/postbacks/${network.key}?${query}`,
      headers: { 'x-sauda-signature': signatureHeader(SECRET, query) },
    });
    expect(response.statusCode, response.body).toBe(202);
  });
});

describe('the inbox is append-only', () => {
  it('rejects changing a stored request, deleting it, truncating, and recording an outcome twice', async () => {
    const { network } = await signedNetwork(ctx());
    const id = await accepted(
      postback(ctx(), network.key, { action_id: unique('act'), status: 'pending', payment_sum: '1' }),
    );
    const pool = ctx().database.pool;
    await expect(pool.query(`UPDATE conversions.inbox SET body = '{}' WHERE id = $1`, [id])).rejects.toThrow(
      /keeps requests/,
    );
    await expect(pool.query('DELETE FROM conversions.inbox WHERE id = $1', [id])).rejects.toThrow(
      /append-only/,
    );
    await expect(pool.query('TRUNCATE conversions.inbox CASCADE')).rejects.toThrow(/append-only/);
    await processReports(ctx());
    await expect(
      pool.query(`UPDATE conversions.inbox SET outcome = 'failed', processed_at = now() WHERE id = $1`, [id]),
    ).rejects.toThrow(/keeps requests/);
    await expect(pool.query('DELETE FROM conversions.changes')).rejects.toThrow(/append-only/);
  });
});
