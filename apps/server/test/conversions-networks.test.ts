import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { signatureHeader } from '@sauda/conversions';
import { useTestApp } from '@sauda/testing';
import { accepted, changedEvents, postback, processReports, unique } from './conversions-helpers.ts';
import { asWeb, type WebClient } from './identity-helpers.ts';
import { memberClient, staffClient } from './tracking-helpers.ts';

const ctx = useTestApp();

interface NetworkResponse {
  network: {
    id: string;
    key: string;
    kind: string;
    active: boolean;
    postbackUrl: string;
    publishableKey: string | null;
    parameterMapping: Record<string, string>;
    statusMapping: Record<string, string>;
  };
  secret?: string;
}

const create = (client: WebClient, payload: object) =>
  ctx().app.inject({
    method: 'POST',
    url: '/v1/admin/conversions/networks',
    headers: asWeb(client),
    payload,
  });
const patch = (client: WebClient, id: string, payload: object) =>
  ctx().app.inject({
    method: 'PATCH',
    url: `/v1/admin/conversions/networks/${id}`,
    headers: asWeb(client),
    payload,
  });

describe('networks (staff API)', () => {
  it('a partner manager adds a network; the secret is shown once, stored encrypted, and audited without it', async () => {
    const staff = await staffClient(ctx(), 'partner_manager');
    const key = unique('admitad');
    const created = await create(staff, {
      key,
      name: 'Admitad',
      kind: 'admitad',
      ipAllowlist: ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7'],
      parameterMapping: { orderAmount: 'cart' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json<NetworkResponse>();
    expect(body.secret?.length).toBeGreaterThanOrEqual(40);
    expect(body.network).toMatchObject({ key, kind: 'admitad', active: true, publishableKey: null });
    expect(body.network.postbackUrl).toMatch(new RegExp(`/postbacks/${key}$`));
    expect(body.network.parameterMapping).toMatchObject({
      clickId: 'subid',
      orderAmount: 'cart',
      commission: 'payment_sum',
    });
    expect(body.network.statusMapping).toMatchObject({ approved_but_stalled: 'approved' });

    const read = await ctx().app.inject({
      url: `/v1/admin/conversions/networks/${body.network.id}`,
      headers: asWeb(staff),
    });
    expect(read.json()).not.toHaveProperty('secret');
    const list = await ctx().app.inject({ url: '/v1/admin/conversions/networks', headers: asWeb(staff) });
    expect(list.json<{ networks: { key: string }[] }>().networks.map((network) => network.key)).toContain(
      key,
    );

    const { rows } = await ctx().database.pool.query<{ secret_ciphertext: string }>(
      'SELECT secret_ciphertext FROM conversions.networks WHERE id = $1',
      [body.network.id],
    );
    expect(rows[0]?.secret_ciphertext).not.toContain(body.secret ?? '');
    const entries = await ctx().app.sauda.modules.audit.api.list({
      entityType: 'conversion-network',
      entityId: body.network.id,
      limit: 5,
    });
    expect(entries.map((entry) => entry.action)).toEqual(['conversions.network-created']);
    expect(JSON.stringify(entries)).not.toContain(body.secret ?? '');
  });

  it('refuses invalid settings with every problem named, a taken key, and people without the permission', async () => {
    const staff = await staffClient(ctx(), 'partner_manager');
    const invalid = await create(staff, {
      key: unique('bad'),
      name: 'Bad',
      kind: 's2s',
      secret: 'short',
      ipAllowlist: ['300.1.1.1', '10.0.0.0/99'],
      statusMapping: { Approved: 'approved' },
      defaultCurrency: 'XYZ',
      allowedOrigins: ['https://shop.kz'],
      parameterMapping: { clickId: 'has space' },
    });
    expect(invalid.statusCode, invalid.body).toBe(422);
    expect(invalid.json<{ errors: { path: string }[] }>().errors.map((error) => error.path)).toEqual([
      '/secret',
      '/ipAllowlist/0',
      '/ipAllowlist/1',
      '/parameterMapping/clickId',
      '/statusMapping/Approved',
      '/defaultCurrency',
      '/allowedOrigins',
    ]);
    const direct = await create(staff, { key: unique('direct'), name: 'Shop', kind: 'direct' });
    expect(direct.json<{ errors: { path: string }[] }>().errors).toEqual([
      expect.objectContaining({ path: '/partnerId' }),
    ]);
    const unknownPartner = await create(staff, {
      key: unique('direct'),
      name: 'Shop',
      kind: 'direct',
      partnerId: 'ptn_01nope',
    });
    expect(unknownPartner.json()).toMatchObject({ code: 'CONVERSIONS_PARTNER_NOT_FOUND' });
    const badShape = await create(staff, { key: 'UPPER', name: 'x', kind: 'telepathy' });
    expect(badShape.statusCode).toBe(400);

    const key = unique('taken');
    expect((await create(staff, { key, name: 'One', kind: 'signed' })).statusCode).toBe(201);
    const taken = await create(staff, { key, name: 'Two', kind: 'signed' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'CONVERSIONS_NETWORK_KEY_TAKEN' });

    const member = await memberClient(ctx());
    expect((await create(member, { key: unique('m'), name: 'M', kind: 'signed' })).statusCode).toBe(403);
    expect((await ctx().app.inject({ url: '/v1/admin/conversions/networks' })).statusCode).toBe(401);
  });

  it('rotating the secret takes effect at once; a deactivated network is refused', async () => {
    const staff = await staffClient(ctx(), 'partner_manager');
    const created = (
      await create(staff, { key: unique('rot'), name: 'Rotating', kind: 'signed' })
    ).json<NetworkResponse>();
    const { id, key } = created.network;
    const oldSecret = created.secret ?? '';
    const fields = { action_id: unique('act'), status: 'pending', payment_sum: '1' };
    await accepted(postback(ctx(), key, fields, { secret: oldSecret }));

    const rotated = await patch(staff, id, { rotateSecret: true, name: 'Rotated' });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const newSecret = rotated.json<NetworkResponse>().secret ?? '';
    expect(newSecret).not.toBe(oldSecret);
    expect((await postback(ctx(), key, fields, { secret: oldSecret })).statusCode).toBe(401);
    await accepted(postback(ctx(), key, fields, { secret: newSecret }));

    const deactivated = await patch(staff, id, { active: false });
    expect(deactivated.json<NetworkResponse>().network.active).toBe(false);
    expect(deactivated.json()).not.toHaveProperty('secret');
    expect((await postback(ctx(), key, fields, { secret: newSecret })).statusCode).toBe(404);

    const entries = await ctx().app.sauda.modules.audit.api.list({
      entityType: 'conversion-network',
      entityId: id,
      limit: 5,
    });
    expect(entries.map((entry) => entry.action).sort()).toEqual([
      'conversions.network-created',
      'conversions.network-updated',
      'conversions.network-updated',
    ]);
    const invalidPatch = await patch(staff, id, { ipAllowlist: ['nope'] });
    expect(invalidPatch.statusCode).toBe(422);
  });

  it('a status mapping of the network’s own words is applied to its reports', async () => {
    const staff = await staffClient(ctx(), 'partner_manager');
    const created = (
      await create(staff, {
        key: unique('words'),
        name: 'Own words',
        kind: 's2s',
        secret: 'a-long-enough-shared-secret',
        parameterMapping: { actionId: 'txn', commission: 'payout', status: 'state' },
        statusMapping: { hold: 'pending', confirmed: 'approved', rejected: 'declined' },
      })
    ).json<NetworkResponse>();
    const actionId = unique('txn');
    const body = JSON.stringify({ txn: actionId, payout: '9.99', state: 'confirmed' });
    const response = await ctx().app.inject({
      method: 'POST',
      url: `/postbacks/${created.network.key}`,
      headers: {
        'content-type': 'application/json',
        'x-sauda-signature': signatureHeader('a-long-enough-shared-secret', body),
      },
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(202);
    const unknownWord = await postback(
      ctx(),
      created.network.key,
      { txn: unique('txn'), payout: '1', state: 'approved' },
      { secret: 'a-long-enough-shared-secret' },
    );
    expect(unknownWord.json()).toMatchObject({ code: 'CONVERSIONS_UNKNOWN_STATUS' });
    await processReports(ctx());
    const { rows } = await ctx().database.pool.query<{
      state: string;
      network_status: string;
      commission: string;
    }>('SELECT state, network_status, commission FROM conversions.conversions WHERE action_id = $1', [
      actionId,
    ]);
    expect(rows).toEqual([{ state: 'approved', network_status: 'confirmed', commission: '999' }]);
    expect(await changedEvents(ctx(), actionId)).toEqual([]);
  });

  it('lists conversions and the inbox for staff, with cursors', async () => {
    const staff = await staffClient(ctx(), 'partner_manager');
    const created = (
      await create(staff, {
        key: unique('list'),
        name: 'List',
        kind: 'signed',
        secret: 'list-secret-1234567890',
      })
    ).json<NetworkResponse>();
    for (let i = 0; i < 3; i += 1)
      await accepted(
        postback(
          ctx(),
          created.network.key,
          { action_id: `list-${i}`, status: 'pending', payment_sum: '1' },
          { secret: 'list-secret-1234567890' },
        ),
      );
    await processReports(ctx());
    const first = await ctx().app.inject({
      url: `/v1/admin/conversions?networkId=${created.network.id}&limit=2`,
      headers: asWeb(staff),
    });
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json<{ conversions: { actionId: string }[]; nextCursor: string }>();
    expect(page.conversions).toHaveLength(2);
    const second = await ctx().app.inject({
      url: `/v1/admin/conversions?networkId=${created.network.id}&limit=2&cursor=${page.nextCursor}`,
      headers: asWeb(staff),
    });
    expect(second.json<{ conversions: unknown[]; nextCursor: null }>()).toMatchObject({ nextCursor: null });
    expect(second.json<{ conversions: unknown[] }>().conversions).toHaveLength(1);
    const broken = await ctx().app.inject({
      url: '/v1/admin/conversions?cursor=garbage',
      headers: asWeb(staff),
    });
    expect(broken.json()).toMatchObject({ code: 'CONVERSIONS_INVALID_CURSOR' });
    const inbox = await ctx().app.inject({
      url: `/v1/admin/conversions/inbox?networkId=${created.network.id}&outcome=created`,
      headers: asWeb(staff),
    });
    expect(inbox.json<{ entries: { outcome: string; body: string }[] }>().entries).toHaveLength(3);
  });

  it('documents every route in a valid OpenAPI document', async () => {
    const response = await ctx().app.inject({ url: '/openapi.json' });
    const document = response.json<{ paths: Record<string, unknown> }>();
    for (const path of [
      '/postbacks/{networkKey}',
      '/postbacks/{networkKey}/{secret}',
      '/v1/conversions',
      '/v1/pixel/conversions',
      '/sdk/pixel.js',
      '/v1/admin/conversions/networks',
      '/v1/admin/conversions/networks/{networkId}',
      '/v1/admin/conversions/networks/{networkId}/poll',
      '/v1/admin/conversions',
      '/v1/admin/conversions/unattributed',
      '/v1/admin/conversions/inbox',
      '/v1/admin/conversions/{conversionId}',
      '/v1/admin/conversions/{conversionId}/assign',
      '/v1/admin/conversions/{conversionId}/approve-match',
      '/v1/admin/conversions/{conversionId}/reject',
    ])
      expect(Object.keys(document.paths)).toContain(path);
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
  });
});
