import { createHmac } from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer, type Simulator } from './sandbox.ts';
import { signatureHeader } from './webhooks.ts';

describe('sandbox', () => {
  const received: { signature: string | undefined; body: string }[] = [];
  const receiver = Fastify();
  receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });
  receiver.post('/webhooks/test', async (request, reply) => {
    received.push({
      signature: request.headers['x-sauda-signature'] as string | undefined,
      body: request.body as string,
    });
    return reply.status(202).send();
  });
  let sandbox: SandboxServer;
  let receiverUrl = '';

  const echo: Simulator = {
    name: 'echo-network',
    description: 'Sends a signed webhook on demand',
    async register(app, { webhooks }) {
      app.post('/trigger', async () =>
        webhooks.send({
          simulator: 'echo-network',
          url: `${receiverUrl}/webhooks/test`,
          secret: 's3cret',
          body: { order: 'A-1' },
        }),
      );
    },
  };

  beforeAll(async () => {
    receiverUrl = await receiver.listen({ port: 0, host: '127.0.0.1' });
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', simulators: [echo] });
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('lists its simulators and answers health checks', async () => {
    expect(await (await fetch(`${sandbox.url}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(sandbox.url)).json()).toEqual({
      service: 'sauda-sandbox',
      simulators: [
        { name: 'echo-network', description: 'Sends a signed webhook on demand', base: '/echo-network/' },
      ],
    });
  });

  it('delivers webhooks signed over timestamp and raw body, and logs each delivery', async () => {
    const delivery = (await (
      await fetch(`${sandbox.url}/echo-network/trigger`, { method: 'POST' })
    ).json()) as { status: number };
    expect(delivery.status).toBe(202);
    const [first] = received;
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(first?.signature ?? '') ?? [];
    expect(v1).toBe(createHmac('sha256', 's3cret').update(`${t}.${first?.body}`).digest('hex'));
    const log = (await (await fetch(`${sandbox.url}/deliveries`)).json()) as { deliveries: unknown[] };
    expect(log.deliveries).toEqual([
      expect.objectContaining({ simulator: 'echo-network', status: 202, attempt: 1 }),
    ]);
  });

  it('records a network error when the receiver is unreachable', async () => {
    await receiver.close();
    const delivery = (await (
      await fetch(`${sandbox.url}/echo-network/trigger`, { method: 'POST' })
    ).json()) as { status: string };
    expect(delivery.status).toBe('network-error');
    expect(signatureHeader('k', '{}', 1700000000)).toBe(
      `t=1700000000,v1=${createHmac('sha256', 'k').update('1700000000.{}').digest('hex')}`,
    );
  });
});
