import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Simulator } from '../sandbox.ts';

export interface SmsGatewayOptions {
  /** The key clients must send in `X-Api-Key`. */
  readonly apiKey?: string;
  /** How many messages are kept; the oldest are forgotten first. */
  readonly capacity?: number;
}

export interface SimulatedSms {
  readonly id: string;
  readonly to: string;
  readonly text: string;
  readonly sender: string;
  readonly reference: string | null;
  readonly receivedAt: string;
}

export const SMS_GATEWAY_SANDBOX_KEY = 'sandbox-sms-key';

/** Numbers in this range get 503 Service Unavailable, so demos and tests can show retries. */
export const SMS_GATEWAY_UNREACHABLE_PREFIX = '+7000000';

const E164 = /^\+[1-9]\d{7,14}$/;

const sameKey = (given: unknown, expected: string): boolean => {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

function parseSend(
  body: unknown,
): { to: string; text: string; sender: string; reference: string | null } | string {
  if (!body || typeof body !== 'object') return 'body must be a JSON object';
  const { to, text, sender, reference } = body as Record<string, unknown>;
  if (typeof to !== 'string') return '"to" is required';
  if (typeof text !== 'string' || text.length === 0 || text.length > 1600)
    return '"text" must be 1..1600 characters';
  if (sender !== undefined && (typeof sender !== 'string' || !/^[A-Za-z0-9 ]{1,11}$/.test(sender)))
    return '"sender" must be 1..11 latin letters or digits';
  if (reference !== undefined && (typeof reference !== 'string' || reference.length > 100))
    return '"reference" must be a string of at most 100 characters';
  return { to, text, sender: sender ?? 'Sauda', reference: reference ?? null };
}

/**
 * An SMS gateway as Kazakh aggregators offer it: `POST /v1/messages` with `X-Api-Key` and
 * `{ to, text, sender?, reference? }`, answered 202 `{ id, status: "queued" }`. A repeated
 * `reference` returns the first message instead of sending again. Errors are `{ error }` with 401
 * (bad key), 400 (bad body), 422 (not an E.164 number) or 503 (the unreachable test range).
 * `GET /messages` lists what was "sent", newest first, for demos and tests.
 */
export function createSmsGatewaySimulator(options: SmsGatewayOptions = {}): Simulator & {
  readonly messages: readonly SimulatedSms[];
} {
  const apiKey = options.apiKey ?? SMS_GATEWAY_SANDBOX_KEY;
  const capacity = options.capacity ?? 1000;
  const messages: SimulatedSms[] = [];
  return {
    name: 'sms-gateway',
    description: 'SMS gateway: POST /v1/messages (X-Api-Key), GET /messages',
    messages,
    async register(app: FastifyInstance) {
      app.post('/v1/messages', async (request, reply) => {
        if (!sameKey(request.headers['x-api-key'], apiKey))
          return reply.status(401).send({ error: 'invalid_api_key' });
        const parsed = parseSend(request.body);
        if (typeof parsed === 'string')
          return reply.status(400).send({ error: 'invalid_request', detail: parsed });
        if (!E164.test(parsed.to)) return reply.status(422).send({ error: 'invalid_number' });
        if (parsed.to.startsWith(SMS_GATEWAY_UNREACHABLE_PREFIX))
          return reply.status(503).send({ error: 'carrier_unavailable' });
        const earlier = parsed.reference ? messages.find((m) => m.reference === parsed.reference) : undefined;
        if (earlier) return reply.status(202).send({ id: earlier.id, status: 'queued' });
        const message: SimulatedSms = {
          id: `sms-${randomUUID()}`,
          ...parsed,
          receivedAt: new Date().toISOString(),
        };
        messages.push(message);
        if (messages.length > capacity) messages.shift();
        return reply.status(202).send({ id: message.id, status: 'queued' });
      });
      app.get('/messages', async () => ({ messages: [...messages].reverse() }));
    },
  };
}
