import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Simulator } from '../sandbox.ts';

/**
 * The WhatsApp Business Platform's Cloud API, for template messages (paths under `/whatsapp`):
 * `POST /:version/:phoneNumberId/messages` with `Authorization: Bearer <token>` and
 * `{ messaging_product: "whatsapp", to, type: "template", template: { name, language: { code },
 * components } }` → `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id }] }`.
 * Errors are `{ error: { message, type, code } }`: 401 (code 190, bad token), 400 (code 100,
 * malformed), 400 (code 131026, undeliverable: numbers starting with `+7000000`). `GET /messages`
 * lists what was "sent", newest first.
 */

export const WHATSAPP_SANDBOX_TOKEN = 'sandbox-whatsapp-token';
export const WHATSAPP_SANDBOX_PHONE_NUMBER_ID = '100200300400';
export const WHATSAPP_UNDELIVERABLE_PREFIX = '7000000';

export interface WhatsAppSimulatorOptions {
  readonly accessToken?: string;
  readonly phoneNumberId?: string;
  readonly capacity?: number;
}

export interface SimulatedWhatsAppMessage {
  readonly id: string;
  readonly to: string;
  readonly template: string;
  readonly language: string;
  readonly parameters: readonly string[];
  readonly reference: string | null;
  readonly receivedAt: string;
}

const failure = (code: number, message: string, type = 'OAuthException') => ({
  error: { message, type, code },
});

function parseTemplateMessage(body: unknown): Omit<SimulatedWhatsAppMessage, 'id' | 'receivedAt'> | string {
  if (!body || typeof body !== 'object') return 'body must be a JSON object';
  const {
    messaging_product: product,
    to,
    type,
    template,
    biz_opaque_callback_data: reference,
  } = body as Record<string, unknown>;
  if (product !== 'whatsapp') return 'messaging_product must be "whatsapp"';
  if (typeof to !== 'string' || !/^\d{8,15}$/.test(to))
    return '"to" must be a phone number in international format';
  if (type !== 'template' || !template || typeof template !== 'object')
    return 'only template messages are accepted';
  const { name, language, components } = template as Record<string, unknown>;
  if (typeof name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(name)) return 'template.name is invalid';
  const code = (language as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !/^[a-z]{2}(_[A-Z]{2})?$/.test(code))
    return 'template.language.code is invalid';
  const parameters: string[] = [];
  for (const component of Array.isArray(components) ? components : []) {
    const list = (component as { parameters?: unknown }).parameters;
    for (const parameter of Array.isArray(list) ? list : []) {
      const text = (parameter as { text?: unknown }).text;
      if (typeof text !== 'string' || text.length > 1024)
        return 'every parameter needs a text of at most 1024 characters';
      parameters.push(text);
    }
  }
  return {
    to,
    template: name,
    language: code,
    parameters,
    reference: typeof reference === 'string' ? reference : null,
  };
}

export function createWhatsAppSimulator(options: WhatsAppSimulatorOptions = {}): Simulator & {
  readonly messages: readonly SimulatedWhatsAppMessage[];
} {
  const token = options.accessToken ?? WHATSAPP_SANDBOX_TOKEN;
  const phoneNumberId = options.phoneNumberId ?? WHATSAPP_SANDBOX_PHONE_NUMBER_ID;
  const capacity = options.capacity ?? 1000;
  const messages: SimulatedWhatsAppMessage[] = [];
  const expected = Buffer.from(`Bearer ${token}`);
  return {
    name: 'whatsapp',
    description:
      'WhatsApp Business Cloud API: POST /:version/:phoneNumberId/messages (template messages), GET /messages',
    messages,
    async register(app: FastifyInstance) {
      app.post<{ Params: { version: string; phoneNumberId: string } }>(
        '/:version/:phoneNumberId/messages',
        async (request, reply) => {
          const given = Buffer.from(request.headers.authorization ?? '');
          if (given.length !== expected.length || !timingSafeEqual(given, expected))
            return reply.status(401).send(failure(190, 'Invalid OAuth access token'));
          if (request.params.phoneNumberId !== phoneNumberId)
            return reply.status(400).send(failure(100, 'Unknown phone number id', 'GraphMethodException'));
          const parsed = parseTemplateMessage(request.body);
          if (typeof parsed === 'string')
            return reply.status(400).send(failure(100, parsed, 'GraphMethodException'));
          if (parsed.to.startsWith(WHATSAPP_UNDELIVERABLE_PREFIX))
            return reply.status(400).send(failure(131026, 'Message undeliverable', 'GraphMethodException'));
          const message: SimulatedWhatsAppMessage = {
            id: `wamid.${randomUUID().replaceAll('-', '')}`,
            ...parsed,
            receivedAt: new Date().toISOString(),
          };
          messages.push(message);
          if (messages.length > capacity) messages.shift();
          return {
            messaging_product: 'whatsapp',
            contacts: [{ input: parsed.to, wa_id: parsed.to }],
            messages: [{ id: message.id }],
          };
        },
      );
      app.get('/messages', async () => ({ messages: [...messages].reverse() }));
    },
  };
}
