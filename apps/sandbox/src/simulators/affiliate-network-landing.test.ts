import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSandbox } from '../sandbox.ts';
import { createAffiliateNetworkLandingSimulator } from './affiliate-network-landing.ts';

describe('affiliate network landing simulator', () => {
  const simulator = createAffiliateNetworkLandingSimulator({ capacity: 2 });
  let sandbox: FastifyInstance;
  beforeAll(async () => {
    sandbox = await buildSandbox({ simulators: [simulator] });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('records the sub-id and answers a page with the onward link, escaped', async () => {
    const url = encodeURIComponent('https://shop.kz/каталог?a=1&b="2"');
    const response = await sandbox.inject({
      url: `/affiliate-network/click?subid=AbC_-123&offer=shop&url=${url}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<code>AbC_-123</code>');
    expect(response.body).toContain('href="https://shop.kz/каталог?a=1&amp;b=&quot;2&quot;"');
    expect(simulator.clicks.at(-1)).toMatchObject({
      subid: 'AbC_-123',
      offer: 'shop',
      url: 'https://shop.kz/каталог?a=1&b="2"',
    });
  });

  it('refuses a click without sub-id, links only to http(s), and keeps a bounded list', async () => {
    expect((await sandbox.inject({ url: '/affiliate-network/click?url=https://shop.kz' })).statusCode).toBe(
      400,
    );
    const script = await sandbox.inject({
      url: '/affiliate-network/click?subid=x<script>&url=javascript:alert(1)',
    });
    expect(script.body).not.toContain('<script>');
    expect(script.body).not.toContain('href="javascript');
    await sandbox.inject({ url: '/affiliate-network/click?subid=third' });
    const listed = (await sandbox.inject({ url: '/affiliate-network/clicks' })).json<{
      clicks: { subid: string }[];
    }>();
    expect(listed.clicks.map((click) => click.subid)).toEqual(['third', 'x<script>']);
  });
});
