import { describe, expect, it } from 'vitest';
import { newId } from '@sauda/platform';
import { useTestApp } from '@sauda/testing';
import {
  accepted,
  BROWSER_UA,
  changedEvents,
  clickOf,
  conversionOf,
  partnerWithClick,
  postback,
  processReports,
  signedNetwork,
  unique,
} from './conversions-helpers.ts';
import { asWeb, type WebClient } from './identity-helpers.ts';
import { activePartner, memberClient, staffClient, writtenClicks } from './tracking-helpers.ts';

const ctx = useTestApp();

const FORGED_CLICK_ID = 'AQAAAAAAAAEAAAAAAAAAAAAAAAAAAA';

interface Queue {
  conversions: {
    id: string;
    attributionStatus: string;
    unattributedReason: string | null;
    probableMatch: unknown;
  }[];
  nextCursor: string | null;
}

async function queue(staff: WebClient): Promise<Queue> {
  const response = await ctx().app.inject({
    url: '/v1/admin/conversions/unattributed?limit=200',
    headers: asWeb(staff),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Queue>();
}

const staffPost = (staff: WebClient, url: string, payload: object) =>
  ctx().app.inject({ method: 'POST', url, headers: asWeb(staff), payload });

async function auditActions(entityId: string): Promise<string[]> {
  const entries = await ctx().app.sauda.modules.audit.api.list({
    entityType: 'conversion',
    entityId,
    limit: 10,
  });
  return entries.map((entry) => entry.action);
}

describe('attribution by click id', () => {
  it('a click through a wrapped link makes a cpa conversion for the link owner', async () => {
    const { network } = await signedNetwork(ctx());
    const partner = await activePartner(ctx());
    const influencer = await memberClient(ctx());
    const created = await ctx().app.inject({
      method: 'POST',
      url: '/v1/links',
      headers: asWeb(influencer),
      payload: { url: `https://${partner.slug}.kz/product/1` },
    });
    expect(created.statusCode, created.body).toBe(201);
    const follow = await ctx().app.inject({
      url: `/l/${created.json<{ code: string }>().code}`,
      headers: { 'user-agent': BROWSER_UA },
    });
    expect(follow.statusCode).toBe(302);
    const clickId = new URL(String(follow.headers.location)).searchParams.get('subid') ?? '';
    const actionId = unique('act');
    await accepted(
      postback(ctx(), network.key, {
        click_id: clickId,
        action_id: actionId,
        status: 'pending',
        payment_sum: '40',
      }),
    );
    await processReports(ctx());
    expect(await changedEvents(ctx(), actionId)).toEqual([
      expect.objectContaining({
        product: 'cpa',
        userId: influencer.userId,
        partnerId: partner.id,
        attribution: 'click',
      }),
    ]);
  });
});

describe('the unattributed queue', () => {
  it('an unknown click id waits for staff, who assign it to a user; only then is it published, and audited', async () => {
    const { network } = await signedNetwork(ctx());
    const partner = await activePartner(ctx());
    const shopper = await memberClient(ctx());
    const staff = await staffClient(ctx(), 'partner_manager');
    const actionId = unique('act');
    await accepted(
      postback(ctx(), network.key, {
        click_id: FORGED_CLICK_ID,
        action_id: actionId,
        status: 'pending',
        payment_sum: '20',
      }),
    );
    await processReports(ctx());
    const conversion = await conversionOf(ctx(), network.id, actionId);
    expect(conversion).toMatchObject({
      attribution_status: 'unattributed',
      unattributed_reason: 'unknown-click',
      user_id: null,
    });
    expect(await changedEvents(ctx(), actionId)).toEqual([]);
    // The network approves while it waits: still nothing published.
    await accepted(
      postback(ctx(), network.key, {
        click_id: FORGED_CLICK_ID,
        action_id: actionId,
        status: 'approved',
        payment_sum: '20',
      }),
    );
    await processReports(ctx());
    expect(await changedEvents(ctx(), actionId)).toEqual([]);
    const id = conversion?.id ?? '';
    expect((await queue(staff)).conversions.map((item) => item.id)).toContain(id);

    const member = await memberClient(ctx());
    const forbidden = await staffPost(member, `/v1/admin/conversions/${id}/assign`, {
      userId: shopper.userId,
      partnerId: partner.id,
    });
    expect(forbidden.statusCode).toBe(403);
    const noPartner = await staffPost(staff, `/v1/admin/conversions/${id}/assign`, {
      userId: shopper.userId,
    });
    expect(noPartner.json()).toMatchObject({ code: 'CONVERSIONS_PARTNER_REQUIRED' });
    const noUser = await staffPost(staff, `/v1/admin/conversions/${id}/assign`, {
      userId: newId('usr'),
      partnerId: partner.id,
    });
    expect(noUser.statusCode).toBe(422);
    expect(noUser.json()).toMatchObject({ code: 'CONVERSIONS_USER_NOT_FOUND' });
    const badId = await staffPost(staff, `/v1/admin/conversions/${id}/assign`, {
      userId: 'robert); drop table',
      partnerId: partner.id,
    });
    expect(badId.statusCode).toBe(400);
    expect(await changedEvents(ctx(), actionId)).toEqual([]);

    const assigned = await staffPost(staff, `/v1/admin/conversions/${id}/assign`, {
      userId: shopper.userId,
      partnerId: partner.id,
      note: 'receipt checked',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({
      attributionStatus: 'attributed',
      attribution: 'staff',
      userId: shopper.userId,
    });
    expect(await changedEvents(ctx(), actionId)).toEqual([
      expect.objectContaining({
        revision: 1,
        state: 'approved',
        previousState: null,
        attribution: 'staff',
        userId: shopper.userId,
        commission: '2000',
        previousCommission: '0',
      }),
    ]);
    expect(await auditActions(id)).toEqual(['conversions.conversion-assigned']);
    const again = await staffPost(staff, `/v1/admin/conversions/${id}/assign`, {
      userId: shopper.userId,
      partnerId: partner.id,
    });
    expect(again.statusCode).toBe(409);
    expect((await queue(staff)).conversions.map((item) => item.id)).not.toContain(id);

    // Later changes are published as usual.
    await accepted(
      postback(ctx(), network.key, {
        click_id: FORGED_CLICK_ID,
        action_id: actionId,
        status: 'declined',
        payment_sum: '20',
      }),
    );
    await processReports(ctx());
    expect((await changedEvents(ctx(), actionId)).map((event) => [event.revision, event.state])).toEqual([
      [1, 'approved'],
      [2, 'reversed'],
    ]);
    const detail = await ctx().app.inject({ url: `/v1/admin/conversions/${id}`, headers: asWeb(staff) });
    expect(
      detail
        .json<{ history: { kind: string; revision: number | null }[] }>()
        .history.map((row) => [row.kind, row.revision]),
    ).toEqual([
      ['state', null],
      ['state', null],
      ['attribution', 1],
      ['state', 2],
    ]);
  });

  it('staff may reject a conversion: it is never published', async () => {
    const { network } = await signedNetwork(ctx());
    const staff = await staffClient(ctx(), 'partner_manager');
    const actionId = unique('act');
    await accepted(
      postback(ctx(), network.key, { action_id: actionId, status: 'approved', payment_sum: '20' }),
    );
    await processReports(ctx());
    const conversion = await conversionOf(ctx(), network.id, actionId);
    expect(conversion).toMatchObject({ attribution_status: 'unattributed', unattributed_reason: 'no-click' });
    const rejected = await staffPost(staff, `/v1/admin/conversions/${conversion?.id ?? ''}/reject`, {
      note: 'not ours',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ attributionStatus: 'rejected', resolutionNote: 'not ours' });
    expect(await changedEvents(ctx(), actionId)).toEqual([]);
    expect(await auditActions(conversion?.id ?? '')).toEqual(['conversions.conversion-rejected']);
    const missingNote = await staffPost(staff, `/v1/admin/conversions/${conversion?.id ?? ''}/reject`, {});
    expect(missingNote.statusCode).toBe(400);
    const unknown = await staffPost(staff, `/v1/admin/conversions/${newId('cnv')}/reject`, { note: 'x' });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('fingerprint fallback', () => {
  const visitorIp = '198.51.100.77';

  it('an anonymous click with the same visitor’s signed-in click within 24 h is a probable match that needs approval', async () => {
    const { network } = await signedNetwork(ctx());
    const partner = await activePartner(ctx());
    const shopper = await memberClient(ctx());
    const staff = await staffClient(ctx(), 'partner_manager');
    // Signed in on the site earlier, then bought from another tab without the click context.
    await clickOf(ctx(), partner.slug, shopper.userId, { ip: visitorIp });
    const anonymousClick = await clickOf(ctx(), partner.slug, undefined, { ip: '198.51.100.78' });
    expect(await writtenClicks(ctx(), `partner_id = '${partner.id}'`)).toBe(2);
    const actionId = unique('act');
    await accepted(
      postback(ctx(), network.key, {
        click_id: anonymousClick,
        action_id: actionId,
        status: 'pending',
        payment_sum: '30',
        action_ip: '198.51.100.200',
        user_agent: BROWSER_UA,
        action_date: new Date(ctx().clock.now().getTime() + 1000).toISOString(),
      }),
    );
    await processReports(ctx());
    const conversion = await conversionOf(ctx(), network.id, actionId);
    expect(conversion).toMatchObject({
      attribution_status: 'probable',
      unattributed_reason: 'anonymous-click',
      user_id: null,
      partner_id: partner.id,
    });
    expect(await changedEvents(ctx(), actionId)).toEqual([]);
    const listed = (await queue(staff)).conversions.find((item) => item.id === conversion?.id);
    expect(listed?.probableMatch).toMatchObject({ userId: shopper.userId, product: 'loyalty' });

    const approved = await staffPost(
      staff,
      `/v1/admin/conversions/${conversion?.id ?? ''}/approve-match`,
      {},
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await changedEvents(ctx(), actionId)).toEqual([
      expect.objectContaining({
        revision: 1,
        state: 'pending',
        userId: shopper.userId,
        attribution: 'probable',
      }),
    ]);
    expect(await auditActions(conversion?.id ?? '')).toEqual(['conversions.probable-match-approved']);
  });

  it('no match beyond 24 h, from another visitor, or for a conversion without a probable match', async () => {
    const { network } = await signedNetwork(ctx());
    const { partner, userId } = await partnerWithClick(ctx());
    const staff = await staffClient(ctx(), 'partner_manager');
    await clickOf(ctx(), partner.slug, userId, { ip: visitorIp });
    await writtenClicks(ctx());
    const report = (actionId: string, fields: Record<string, string>) =>
      accepted(
        postback(ctx(), network.key, { action_id: actionId, status: 'pending', payment_sum: '1', ...fields }),
      );
    const otherBrowser = unique('act');
    const noPartner = unique('act');
    const late = unique('act');
    const anonymous = await clickOf(ctx(), partner.slug, undefined);
    await report(otherBrowser, {
      click_id: anonymous,
      action_ip: visitorIp,
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
    });
    await report(noPartner, { action_ip: visitorIp, user_agent: BROWSER_UA });
    // A purchase 25 hours after the click: too late to be the same visit.
    ctx().clock.advance(25 * 3_600_000);
    await report(late, { click_id: anonymous, action_ip: visitorIp, user_agent: BROWSER_UA });
    await processReports(ctx());
    for (const actionId of [late, otherBrowser, noPartner])
      expect((await conversionOf(ctx(), network.id, actionId))?.attribution_status).toBe('unattributed');
    const id = (await conversionOf(ctx(), network.id, noPartner))?.id ?? '';
    const approve = await staffPost(staff, `/v1/admin/conversions/${id}/approve-match`, {});
    expect(approve.statusCode).toBe(409);
    expect(approve.json()).toMatchObject({ code: 'CONVERSIONS_NO_PROBABLE_MATCH' });
  });
});
