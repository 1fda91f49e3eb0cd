import { createHash, createHmac } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../sandbox.ts';
import {
  createKycAggregatorSimulator,
  KYC_AGGREGATOR_SANDBOX_API_KEY,
  KYC_AGGREGATOR_SANDBOX_API_SECRET,
  KYC_AGGREGATOR_SANDBOX_WEBHOOK_SECRET,
  SYNTHETIC_PERSONS,
  syntheticIin,
} from './kyc-aggregator.ts';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64');

describe('KYC aggregator simulator', () => {
  const simulator = createKycAggregatorSimulator({ webhookDelayMs: 0 });
  const received: { signature: string; body: string }[] = [];
  let receiver: FastifyInstance;
  let receiverUrl = '';
  let sandbox: SandboxServer;

  async function api(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    secret = KYC_AGGREGATOR_SANDBOX_API_SECRET,
  ) {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const url = new URL(`${sandbox.url}/kyc-aggregator${path}`);
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', secret)
      .update(
        `${timestamp}\n${method}\n${url.pathname}${url.search}\n${createHash('sha256').update(raw).digest('hex')}`,
      )
      .digest('hex');
    const response = await fetch(url, {
      method,
      headers: {
        'x-api-key': KYC_AGGREGATOR_SANDBOX_API_KEY,
        'x-timestamp': String(timestamp),
        'x-signature': signature,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: raw }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const form = (path: string, fields: Record<string, string>) =>
    fetch(`${sandbox.url}/kyc-aggregator${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  beforeAll(async () => {
    receiver = Fastify();
    receiver.removeContentTypeParser('application/json');
    receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      done(null, body);
    });
    receiver.post('/hook', async (request) => {
      received.push({
        signature: String(request.headers['x-sauda-signature']),
        body: request.body as string,
      });
      return {};
    });
    receiverUrl = await receiver.listen({ host: '127.0.0.1', port: 0 });
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, simulators: [simulator] });
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('builds IINs with a valid check digit for any birth date and sex', () => {
    expect(syntheticIin('1990-01-01', 'male', 1)).toBe('900101300017');
    expect(syntheticIin('1990-01-01', 'male', 80)).toBe('900101300811'); // 0080 has no check digit
    expect(syntheticIin('2010-06-15', 'female', 1)).toBe('100615600013');
    expect(new Set(SYNTHETIC_PERSONS.map((person) => person.iin)).size).toBe(SYNTHETIC_PERSONS.length);
  });

  it('serves the contract only to signed requests, and answers like a provider', async () => {
    const unsigned = await fetch(`${sandbox.url}/kyc-aggregator/v2/flows`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(401);
    expect((await api('POST', '/v2/flows', { external_id: 'x', iin: '900101300017' }, 'wrong')).status).toBe(
      401,
    );
    expect((await api('POST', '/v2/flows', { external_id: 'x' })).status).toBe(400);
    expect((await api('GET', '/v2/flows/flw_missing')).status).toBe(404);

    const iin = SYNTHETIC_PERSONS[1]!.iin;
    const created = await api('POST', '/v2/flows', {
      external_id: 'case-1',
      iin,
      callback_url: `${receiverUrl}/hook`,
    });
    expect(created).toMatchObject({
      status: 201,
      body: { status: 'DOCUMENT_REQUIRED', external_id: 'case-1' },
    });
    const flowId = created.body.flow_id as string;
    expect((await api('POST', '/v2/flows', { external_id: 'case-1', iin })).body.flow_id).toBe(flowId);
    expect(
      (
        await api('POST', `/v2/flows/${flowId}/liveness`, {
          selfie: { mime_type: 'image/jpeg', content: jpeg },
        })
      ).status,
    ).toBe(409);
    const onePage = await api('POST', `/v2/flows/${flowId}/document`, {
      document_type: 'ID_CARD',
      images: [{ side: 'FRONT', mime_type: 'image/jpeg', content: jpeg }],
    });
    expect(onePage).toEqual({ status: 400, body: { error: 'invalid_document_pages' } });
    const notImage = await api('POST', `/v2/flows/${flowId}/document`, {
      document_type: 'PASSPORT',
      images: [{ side: 'MAIN', mime_type: 'image/jpeg', content: png }],
    });
    expect(notImage).toEqual({ status: 422, body: { error: 'invalid_image' } });
    const document = await api('POST', `/v2/flows/${flowId}/document`, {
      document_type: 'PASSPORT',
      images: [{ side: 'MAIN', mime_type: 'image/png', content: png }],
    });
    expect(document.body).toMatchObject({
      status: 'LIVENESS_REQUIRED',
      recognition: { quality: 'GOOD', fields: { iin, last_name: 'Сапарова', document_type: 'PASSPORT' } },
    });
    expect(
      (
        await api('POST', `/v2/flows/${flowId}/liveness`, {
          selfie: { mime_type: 'image/jpeg', content: jpeg },
        })
      ).status,
    ).toBe(202);
    await expect.poll(() => received.length).toBe(1);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(received[0]!.signature) ?? [];
    expect(v1).toBe(
      createHmac('sha256', KYC_AGGREGATOR_SANDBOX_WEBHOOK_SECRET)
        .update(`${t}.${received[0]!.body}`)
        .digest('hex'),
    );
    expect(JSON.parse(received[0]!.body)).toMatchObject({
      event_type: 'flow.completed',
      flow_id: flowId,
      external_id: 'case-1',
      decision: { result: 'APPROVED', person: { iin, resident: true } },
    });
    expect((await api('GET', `/v2/flows/${flowId}`)).body).toMatchObject({
      status: 'COMPLETED',
      decision: { result: 'APPROVED' },
    });

    simulator.setOutage(true);
    expect(await api('GET', `/v2/flows/${flowId}`)).toEqual({
      status: 503,
      body: { error: 'service_unavailable' },
    });
    simulator.setOutage(false);
  });

  it('has a control page in Russian, Kazakh and English that lists the state database', async () => {
    const titles = {
      ru: 'Песочница KYC-агрегатора',
      kk: 'KYC агрегаторының құмсалғышы',
      en: 'KYC aggregator sandbox',
    };
    for (const [lang, title] of Object.entries(titles)) {
      const page = await fetch(`${sandbox.url}/kyc-aggregator/?lang=${lang}`);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await page.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(`<h1>${title}</h1>`);
      for (const person of SYNTHETIC_PERSONS) {
        expect(html).toContain(person.iin);
        expect(html).toContain(person.scenario[lang as 'ru' | 'kk' | 'en']);
      }
      expect(html).toContain('action="/kyc-aggregator/control/settings?lang=');
    }
    expect(await (await fetch(`${sandbox.url}/kyc-aggregator/?lang=de`)).text()).toContain(
      '<html lang="ru">',
    );
  });

  it('lets an operator choose outcomes from the page: manual decisions, rules by IIN, outages, resends', async () => {
    const settings = await form('/control/settings?lang=kk', { mode: 'manual', outage: 'off' });
    expect(settings.status).toBe(303);
    expect(settings.headers.get('location')).toBe('/kyc-aggregator/?lang=kk');

    const iin = SYNTHETIC_PERSONS[2]!.iin;
    const { body } = await api('POST', '/v2/flows', {
      external_id: 'case-2',
      iin,
      callback_url: `${receiverUrl}/hook`,
    });
    const flowId = body.flow_id as string;
    await api('POST', `/v2/flows/${flowId}/document`, {
      document_type: 'PASSPORT',
      images: [{ side: 'MAIN', mime_type: 'image/jpeg', content: jpeg }],
    });
    await api('POST', `/v2/flows/${flowId}/liveness`, { selfie: { mime_type: 'image/jpeg', content: jpeg } });
    expect((await api('GET', `/v2/flows/${flowId}`)).body).toMatchObject({
      status: 'PROCESSING',
      decision: null,
    });
    expect(await (await fetch(`${sandbox.url}/kyc-aggregator/?lang=en`)).text()).toContain(
      `/control/flows/${flowId}/decide`,
    );

    const decided = await form(`/control/flows/${flowId}/decide?lang=en`, {
      decision: 'DECLINED',
      reason: 'FACE_MISMATCH',
    });
    expect(decided.status).toBe(303);
    expect((await api('GET', `/v2/flows/${flowId}`)).body).toMatchObject({
      status: 'COMPLETED',
      decision: { result: 'DECLINED', reasons: ['FACE_MISMATCH'], checks: { face_similarity: 0.31 } },
    });
    expect((await form(`/control/flows/${flowId}/decide`, { decision: 'APPROVED' })).status).toBe(409);
    const before = received.length;
    await form(`/control/flows/${flowId}/resend`, {});
    expect(received).toHaveLength(before + 1);
    const eventId = (body: string): unknown => (JSON.parse(body) as { event_id: unknown }).event_id;
    expect(eventId(received.at(-1)!.body)).toBe(eventId(received.at(-2)!.body));

    expect((await form('/control/rules', { iin: 'not-an-iin' })).status).toBe(400);
    expect(
      (await form('/control/rules?lang=ru', { iin, document: 'unreadable', decision: 'REVIEW', reason: '' }))
        .status,
    ).toBe(303);
    const json = await fetch(`${sandbox.url}/kyc-aggregator/control/rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        iin: SYNTHETIC_PERSONS[0]!.iin,
        decision: 'DECLINED',
        reason: 'DOCUMENT_FORGED',
      }),
    });
    expect(await json.json()).toEqual({
      iin: SYNTHETIC_PERSONS[0]!.iin,
      rule: { decision: 'DECLINED', reason: 'DOCUMENT_FORGED' },
    });
    const english = await (await fetch(`${sandbox.url}/kyc-aggregator/?lang=en`)).text();
    expect(english).toContain('DOCUMENT_FORGED');
    expect(english).toContain('<option value="FACE_MISMATCH">face mismatch</option>');
    const second = await api('POST', '/v2/flows', { external_id: 'case-3', iin });
    const unreadable = await api('POST', `/v2/flows/${second.body.flow_id as string}/document`, {
      document_type: 'PASSPORT',
      images: [{ side: 'MAIN', mime_type: 'image/jpeg', content: jpeg }],
    });
    expect(unreadable.body).toMatchObject({
      status: 'DOCUMENT_REQUIRED',
      recognition: { quality: 'UNREADABLE' },
    });
    expect((await form('/control/rules/clear', {})).status).toBe(303);

    await form('/control/settings', { mode: 'auto', outage: 'on' });
    expect((await api('GET', `/v2/flows/${flowId}`)).status).toBe(503);
    await form('/control/settings', { mode: 'auto', outage: 'off' });
    const listed = (await (await fetch(`${sandbox.url}/kyc-aggregator/flows`)).json()) as {
      flows: unknown[];
    };
    expect(listed.flows.length).toBeGreaterThanOrEqual(3);
    const persons = (await (await fetch(`${sandbox.url}/kyc-aggregator/persons`)).json()) as {
      persons: unknown[];
    };
    expect(persons.persons).toHaveLength(SYNTHETIC_PERSONS.length);
  });
});
