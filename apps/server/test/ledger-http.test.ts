import { describe, expect, it } from 'vitest';
import { createTestAccount, fundAccount, testMintAccount } from '@sauda/ledger/testing';
import { useTestApp, type TestContext } from '@sauda/testing';
import { asWeb, type WebClient } from './identity-helpers.ts';
import { memberClient, staffClient } from './tracking-helpers.ts';

const ctx = useTestApp();

const ledgerOf = (test: TestContext) => test.app.sauda.modules.ledger.api;

async function walletOf(test: TestContext, client: WebClient, funded = 0n) {
  const ledger = ledgerOf(test);
  await ledger.registerAsset({ code: 'KZT', decimals: 2 });
  const wallet = await createTestAccount(ledger, { owner: client.userId });
  if (funded > 0n) await fundAccount(ledger, wallet, funded);
  return wallet;
}

async function get(test: TestContext, client: WebClient | undefined, url: string) {
  return test.app.inject({ url, headers: client ? { cookie: client.cookie, 'accept-language': 'en' } : {} });
}

const count = async (test: TestContext, table: string, where = 'true'): Promise<number> =>
  Number(
    (await test.database.pool.query<{ count: string }>(`SELECT count(*) FROM ${table} WHERE ${where}`))
      .rows[0]?.count,
  );

describe('ledger over HTTP: a user reads their own money', () => {
  it('lists own accounts with balances, a balance as of a past instant, and a statement', async () => {
    const test = ctx();
    const member = await memberClient(test);
    const wallet = await walletOf(test, member, 150_050n);
    const before = test.clock.now();
    test.clock.advance(60_000);
    await fundAccount(ledgerOf(test), wallet, 49_950n);

    const accounts = await get(test, member, '/v1/me/ledger/accounts');
    expect(accounts.statusCode, accounts.body).toBe(200);
    expect(accounts.json()).toMatchObject({
      items: [
        { id: wallet.id, asset: 'KZT', code: 'wallet', balance: { posted: '200000', available: '200000' } },
      ],
    });
    expect(
      accounts.json<{ items: { balance: { postedText: string } }[] }>().items[0]?.balance.postedText,
    ).toMatch(/2,000\.00/);

    const past = await get(
      test,
      member,
      `/v1/me/ledger/accounts/${wallet.id}/balance?asOf=${encodeURIComponent(before.toISOString())}`,
    );
    expect(past.statusCode, past.body).toBe(200);
    expect(past.json()).toMatchObject({ posted: '150050', asOf: before.toISOString() });

    const statement = await get(test, member, `/v1/me/ledger/accounts/${wallet.id}/statement?limit=1`);
    expect(statement.statusCode, statement.body).toBe(200);
    const page = statement.json<{ entries: { balanceAfter: string; side: string }[]; nextCursor: string }>();
    expect(page.entries).toMatchObject([{ side: 'credit', balanceAfter: '200000' }]);
    const next = await get(
      test,
      member,
      `/v1/me/ledger/accounts/${wallet.id}/statement?limit=1&cursor=${page.nextCursor}`,
    );
    expect(next.json<{ entries: { balanceAfter: string }[] }>().entries).toMatchObject([
      { balanceAfter: '150050' },
    ]);
  });

  it('answers 404 for someone else’s account, 401 without a session, 403 on staff routes', async () => {
    const test = ctx();
    const owner = await memberClient(test);
    const other = await memberClient(test);
    const wallet = await walletOf(test, owner, 1_000n);
    for (const path of ['balance', 'statement']) {
      const foreign = await get(test, other, `/v1/me/ledger/accounts/${wallet.id}/${path}`);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toMatchObject({ code: 'LEDGER_ACCOUNT_NOT_FOUND' });
      expect((await get(test, undefined, `/v1/me/ledger/accounts/${wallet.id}/${path}`)).statusCode).toBe(
        401,
      );
    }
    expect((await get(test, other, '/v1/me/ledger/accounts')).json()).toEqual({ items: [] });
    expect((await get(test, owner, `/v1/admin/ledger/accounts/${wallet.id}`)).statusCode).toBe(403);
  });

  it('rejects bad filters with a clear error', async () => {
    const test = ctx();
    const member = await memberClient(test);
    const wallet = await walletOf(test, member);
    const base = `/v1/me/ledger/accounts/${wallet.id}/statement`;
    expect((await get(test, member, `${base}?limit=0`)).statusCode).toBe(400);
    expect((await get(test, member, `${base}?from=yesterday`)).statusCode).toBe(400);
    expect((await get(test, member, `${base}?cursor=bm9wZQ`)).json()).toMatchObject({
      code: 'LEDGER_CURSOR_INVALID',
    });
    expect((await get(test, member, `${base}?surprise=1`)).statusCode).toBe(400);
  });
});

describe('ledger over HTTP: staff', () => {
  it('support reads any account, its statement and a transfer, but cannot adjust', async () => {
    const test = ctx();
    const member = await memberClient(test);
    const support = await staffClient(test, 'support');
    const wallet = await walletOf(test, member, 5_000n);
    const account = await get(test, support, `/v1/admin/ledger/accounts/${wallet.id}`);
    expect(account.json()).toMatchObject({
      id: wallet.id,
      owner: member.userId,
      balance: { available: '5000' },
    });
    const listed = await get(test, support, `/v1/admin/ledger/accounts?owner=${member.userId}`);
    expect(listed.json<{ items: unknown[] }>().items).toHaveLength(1);
    const statement = await get(test, support, `/v1/admin/ledger/accounts/${wallet.id}/statement`);
    const [entry] = statement.json<{ entries: { transferId: string }[] }>().entries;
    const transfer = await get(test, support, `/v1/admin/ledger/transfers/${entry?.transferId ?? ''}`);
    expect(transfer.json()).toMatchObject({ creditAccountId: wallet.id, amount: '5000' });
    expect((await get(test, support, '/v1/admin/ledger/transfers/no-such-transfer')).statusCode).toBe(404);

    const denied = await test.app.inject({
      method: 'POST',
      url: '/v1/admin/ledger/adjustments',
      headers: asWeb(support),
      payload: {
        id: 'x1',
        debitAccountId: wallet.id,
        creditAccountId: wallet.id,
        amount: '1',
        reason: 'no rights here',
      },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('an admin posts an adjustment once, audited, with the reason on the statement', async () => {
    const test = ctx();
    const member = await memberClient(test);
    const admin = await staffClient(test, 'admin');
    const wallet = await walletOf(test, member);
    const goodwill = await ledgerOf(test).createAccount({
      asset: 'KZT',
      owner: 'platform:goodwill',
      code: 'expense',
    });
    const body = {
      id: 'ticket-4711',
      debitAccountId: goodwill.id,
      creditAccountId: wallet.id,
      amount: '1500.50',
      reason: 'Compensation for a lost cashback, ticket 4711',
    };
    const post = () =>
      test.app.inject({
        method: 'POST',
        url: '/v1/admin/ledger/adjustments',
        headers: asWeb(admin),
        payload: body,
      });

    const first = await post();
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      id: 'adjustment:ticket-4711',
      amount: '150050',
      code: 'adjustment',
      metadata: { reason: body.reason, by: admin.userId },
    });
    const replay = await post();
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    expect(await count(test, 'audit.entries', `action = 'ledger.adjustment-posted'`)).toBe(1);

    const changed = await test.app.inject({
      method: 'POST',
      url: '/v1/admin/ledger/adjustments',
      headers: asWeb(admin),
      payload: { ...body, amount: '1500.51' },
    });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'LEDGER_TRANSFER_EXISTS_MISMATCH' });

    const statement = await get(
      test,
      member,
      `/v1/me/ledger/accounts/${wallet.id}/statement?code=adjustment`,
    );
    expect(statement.json()).toMatchObject({
      entries: [{ code: 'adjustment', balanceAfter: '150050', metadata: { reason: body.reason } }],
    });
  });

  it('refuses bad adjustments and writes nothing', async () => {
    const test = ctx();
    const member = await memberClient(test);
    const admin = await staffClient(test, 'admin');
    const wallet = await walletOf(test, member, 100n);
    const mint = await testMintAccount(ledgerOf(test));
    await ledgerOf(test).registerAsset({ code: 'USDT', decimals: 6 });
    const usdt = await createTestAccount(ledgerOf(test), { asset: 'USDT' });
    const valid = {
      id: 'bad-1',
      debitAccountId: mint.id,
      creditAccountId: wallet.id,
      amount: '10',
      reason: 'A valid reason for the record',
    };
    const transfersBefore = await count(test, 'ledger.transfers');
    const cases: [Record<string, unknown>, number, string | undefined][] = [
      [{ reason: undefined }, 400, undefined],
      [{ reason: 'short' }, 400, undefined],
      [{ reason: 'x'.repeat(251) }, 400, undefined],
      [{ amount: 10 }, 400, undefined],
      [{ amount: '0' }, 400, 'LEDGER_AMOUNT_INVALID'],
      [{ amount: '-5' }, 400, 'LEDGER_AMOUNT_INVALID'],
      [{ amount: '1.234' }, 400, 'LEDGER_AMOUNT_PRECISION'],
      [{ amount: '1e9' }, 400, 'LEDGER_AMOUNT_INVALID'],
      [{ amount: '9'.repeat(39) }, 400, 'LEDGER_AMOUNT_TOO_LARGE'],
      [{ debitAccountId: 'acc_unknown' }, 404, 'LEDGER_ACCOUNT_NOT_FOUND'],
      [{ creditAccountId: usdt.id }, 422, 'LEDGER_ASSET_MISMATCH'],
      [
        { debitAccountId: wallet.id, creditAccountId: mint.id, amount: '2' },
        422,
        'LEDGER_INSUFFICIENT_FUNDS',
      ],
      [{ id: 'has spaces' }, 400, undefined],
      [{ extra: true }, 400, undefined],
    ];
    for (const [patch, status, code] of cases) {
      const response = await test.app.inject({
        method: 'POST',
        url: '/v1/admin/ledger/adjustments',
        headers: { ...asWeb(admin), 'accept-language': 'kk' },
        payload: { ...valid, ...patch },
      });
      expect(response.statusCode, `${JSON.stringify(patch)}: ${response.body}`).toBe(status);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      if (code) expect(response.json()).toMatchObject({ code });
    }
    expect(await count(test, 'ledger.transfers')).toBe(transfersBefore);
    expect(await count(test, 'audit.entries', `entity_id LIKE 'adjustment:bad-%'`)).toBe(0);
  });

  it('documents every ledger route in OpenAPI', async () => {
    const spec = (await ctx().app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(
      Object.keys(spec.paths)
        .filter((path) => path.includes('/ledger/'))
        .sort(),
    ).toEqual([
      '/v1/admin/ledger/accounts',
      '/v1/admin/ledger/accounts/{accountId}',
      '/v1/admin/ledger/accounts/{accountId}/balance',
      '/v1/admin/ledger/accounts/{accountId}/statement',
      '/v1/admin/ledger/adjustments',
      '/v1/admin/ledger/transfers/{transferId}',
      '/v1/me/ledger/accounts',
      '/v1/me/ledger/accounts/{accountId}/balance',
      '/v1/me/ledger/accounts/{accountId}/statement',
    ]);
  });
});
