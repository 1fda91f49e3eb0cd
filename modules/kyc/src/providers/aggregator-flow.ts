import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { DocumentSide, DocumentType } from '../kyc.tables.ts';
import {
  PROVIDER_DECLINE_REASONS,
  ProviderRequestError,
  ProviderSessionGoneError,
  ProviderUnavailableError,
  WebhookRejected,
  type DocumentRecognition,
  type KycProvider,
  type ProviderChecks,
  type ProviderDecision,
  type ProviderDeclineReason,
} from './kyc-provider.ts';

/**
 * Adapter for the "flow" API that Kazakhstan KYC aggregators offer: create a flow for a person,
 * then its steps (consent is given at creation, document, liveness; the state-database check runs
 * by itself), and the decision arrives by webhook or by polling the flow.
 *
 * Requests carry `X-Api-Key`, `X-Timestamp` (unix seconds) and `X-Signature`: hex HMAC-SHA256 with
 * the API secret over `<timestamp>\n<METHOD>\n<path and query>\n<hex SHA-256 of the body>`.
 * Webhooks carry `X-Sauda-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`
 * with the webhook secret, accepted within a replay window.
 */
export interface AggregatorFlowSettings {
  /** Base URL of the API, e.g. `https://kyc.example.kz/api` (paths `/v2/flows…` are appended). */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly webhookSecret: string;
  /** Where the aggregator posts decisions (our `POST /v1/kyc/provider/webhook`). */
  readonly callbackUrl: string;
  readonly timeoutMs: number;
  readonly replayWindowSeconds?: number;
}

const DEFAULT_REPLAY_WINDOW_SECONDS = 300;

const VENDOR_DOCUMENT_TYPES: Readonly<Record<DocumentType, string>> = {
  id_card: 'ID_CARD',
  passport: 'PASSPORT',
};
const VENDOR_SIDES: Readonly<Record<DocumentSide, string>> = {
  front: 'FRONT',
  back: 'BACK',
  main: 'MAIN',
  selfie: 'SELFIE',
};

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const VendorPerson = Type.Object({
  iin: Type.String(),
  last_name: Type.String(),
  first_name: Type.String(),
  middle_name: Type.Optional(Nullable(Type.String())),
  birth_date: Type.String(),
  citizenship: Type.String(),
  resident: Type.Boolean(),
  document_number: Type.Optional(Nullable(Type.String())),
});

const VendorChecks = Type.Object({
  liveness_score: Type.Optional(Type.Number()),
  face_similarity: Type.Optional(Type.Number()),
  state_db: Type.Optional(
    Type.Union([Type.Literal('MATCH'), Type.Literal('MISMATCH'), Type.Literal('NOT_FOUND')]),
  ),
});

const VendorDecision = Type.Object({
  result: Type.Union([Type.Literal('APPROVED'), Type.Literal('DECLINED'), Type.Literal('REVIEW')]),
  reasons: Type.Array(Type.String()),
  person: Type.Optional(Nullable(VendorPerson)),
  checks: Type.Optional(VendorChecks),
});

const CreatedFlow = Type.Object({
  flow_id: Type.String({ minLength: 1 }),
  expires_at: Type.Optional(Nullable(Type.String())),
});

const VendorFields = Type.Object({
  document_type: Type.Optional(Type.String()),
  document_number: Type.Optional(Nullable(Type.String())),
  iin: Type.Optional(Nullable(Type.String())),
  last_name: Type.Optional(Nullable(Type.String())),
  first_name: Type.Optional(Nullable(Type.String())),
  middle_name: Type.Optional(Nullable(Type.String())),
  birth_date: Type.Optional(Nullable(Type.String())),
  expiry_date: Type.Optional(Nullable(Type.String())),
});

const DocumentResponse = Type.Object({
  recognition: Type.Object({
    quality: Type.Union([Type.Literal('GOOD'), Type.Literal('UNREADABLE')]),
    fields: Type.Optional(Nullable(VendorFields)),
  }),
});

const FlowResponse = Type.Object({
  flow_id: Type.String(),
  status: Type.String(),
  decision: Type.Optional(Nullable(VendorDecision)),
});

const WebhookBody = Type.Object({
  event_id: Type.String({ minLength: 1 }),
  event_type: Type.String(),
  flow_id: Type.String({ minLength: 1 }),
  external_id: Type.Optional(Nullable(Type.String())),
  decision: VendorDecision,
});

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The request signature, exported for the aggregator simulator's tests and for support tooling. */
export function aggregatorRequestSignature(
  secret: string,
  input: { timestamp: number; method: string; pathAndQuery: string; body: string },
): string {
  return createHmac('sha256', secret)
    .update(`${input.timestamp}\n${input.method.toUpperCase()}\n${input.pathAndQuery}\n${sha256(input.body)}`)
    .digest('hex');
}

function toDeclineReason(code: string): ProviderDeclineReason {
  const lower = code.toLowerCase();
  return (PROVIDER_DECLINE_REASONS as readonly string[]).includes(lower)
    ? (lower as ProviderDeclineReason)
    : 'other';
}

function toChecks(checks: Static<typeof VendorChecks> | undefined): ProviderChecks {
  const stateDatabase = checks?.state_db?.toLowerCase() as ProviderChecks['stateDatabase'];
  return { livenessScore: checks?.liveness_score, faceSimilarity: checks?.face_similarity, stateDatabase };
}

function toDecision(decision: Static<typeof VendorDecision>): ProviderDecision {
  const checks = toChecks(decision.checks);
  if (decision.result === 'REVIEW') return { outcome: 'review', checks };
  if (decision.result === 'DECLINED' || !decision.person) {
    const reasons = decision.reasons.map(toDeclineReason);
    return { outcome: 'declined', reasons: reasons.length > 0 ? reasons : ['other'], checks };
  }
  const person = decision.person;
  return {
    outcome: 'approved',
    checks,
    person: {
      iin: person.iin,
      lastName: person.last_name,
      firstName: person.first_name,
      middleName: person.middle_name ?? null,
      birthDate: person.birth_date,
      citizenship: person.citizenship.toUpperCase(),
      resident: person.resident,
      documentNumber: person.document_number ?? null,
    },
  };
}

function header(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export function createAggregatorFlowProvider(settings: AggregatorFlowSettings): KycProvider {
  const base = settings.baseUrl.replace(/\/+$/, '');
  const replayWindow = settings.replayWindowSeconds ?? DEFAULT_REPLAY_WINDOW_SECONDS;

  async function call<S extends TSchema>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<Static<S>> {
    const url = new URL(`${base}${path}`);
    const raw = body === undefined ? '' : JSON.stringify(body);
    // Signatures use the wall clock: they are a wire-protocol freshness check, not business time.
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = aggregatorRequestSignature(settings.apiSecret, {
      timestamp,
      method,
      pathAndQuery: `${url.pathname}${url.search}`,
      body: raw,
    });
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          'x-api-key': settings.apiKey,
          'x-timestamp': String(timestamp),
          'x-signature': signature,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: raw }),
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
    } catch (error) {
      throw new ProviderUnavailableError(`aggregator unreachable: ${(error as Error).name}`, {
        cause: error,
      });
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 500 || response.status === 429) {
      throw new ProviderUnavailableError(`aggregator answered ${response.status}`);
    }
    if (response.status === 404 || response.status === 410) {
      throw new ProviderSessionGoneError(
        `aggregator answered ${response.status} for ${path.split('/')[2] ?? ''}`,
      );
    }
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const code = (parsed as { error?: unknown } | undefined)?.error;
      throw new ProviderRequestError(
        response.status,
        `aggregator answered ${response.status}: ${typeof code === 'string' ? code : 'unknown error'}`,
      );
    }
    if (!Value.Check(schema, parsed))
      throw new ProviderUnavailableError(
        `aggregator sent an unexpected response to ${method} ${url.pathname}`,
      );
    return parsed;
  }

  const flowPath = (sessionId: string): string => `/v2/flows/${encodeURIComponent(sessionId)}`;

  return {
    name: 'aggregator-flow',
    capabilities: {
      documentTypes: ['id_card', 'passport'],
      livenessBySelfie: true,
      stateDatabaseCheck: true,
      resultByWebhook: true,
      resultByPolling: true,
    },

    async createSession(input) {
      const created = await call('POST', '/v2/flows', CreatedFlow, {
        external_id: input.reference,
        iin: input.iin,
        steps: ['CONSENT', 'DOCUMENT', 'LIVENESS', 'STATE_DB'],
        consent: { version: input.consentVersion, accepted_at: input.consentGivenAt.toISOString() },
        callback_url: settings.callbackUrl,
      });
      return {
        sessionId: created.flow_id,
        expiresAt: created.expires_at ? new Date(created.expires_at) : undefined,
      };
    },

    async uploadDocument(sessionId, document): Promise<DocumentRecognition> {
      const answer = await call('POST', `${flowPath(sessionId)}/document`, DocumentResponse, {
        document_type: VENDOR_DOCUMENT_TYPES[document.documentType],
        images: document.pages.map((page) => ({
          side: VENDOR_SIDES[page.side],
          mime_type: page.contentType,
          content: page.bytes.toString('base64'),
        })),
      });
      const fields = answer.recognition.fields;
      if (answer.recognition.quality === 'UNREADABLE' || !fields) return { outcome: 'unreadable' };
      return {
        outcome: 'recognised',
        fields: {
          documentType: document.documentType,
          documentNumber: fields.document_number ?? null,
          iin: fields.iin ?? null,
          lastName: fields.last_name ?? null,
          firstName: fields.first_name ?? null,
          middleName: fields.middle_name ?? null,
          birthDate: fields.birth_date ?? null,
          expiresOn: fields.expiry_date ?? null,
        },
      };
    },

    async submitLiveness(sessionId, selfie) {
      await call('POST', `${flowPath(sessionId)}/liveness`, Type.Object({}), {
        selfie: { mime_type: selfie.contentType, content: selfie.bytes.toString('base64') },
      });
    },

    async fetchResult(sessionId) {
      const flow = await call('GET', flowPath(sessionId), FlowResponse);
      if (flow.status === 'EXPIRED') throw new ProviderSessionGoneError('aggregator flow expired');
      if (flow.status !== 'COMPLETED' || !flow.decision) return { outcome: 'pending' };
      return toDecision(flow.decision);
    },

    parseWebhook({ headers, rawBody, now }) {
      const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header(headers, 'x-sauda-signature'));
      if (!match) throw new WebhookRejected('signature');
      const [, timestamp = '', given = ''] = match;
      const expected = createHmac('sha256', settings.webhookSecret)
        .update(`${timestamp}.${rawBody}`)
        .digest();
      if (!timingSafeEqual(Buffer.from(given, 'hex'), expected)) throw new WebhookRejected('signature');
      // Checked after the signature, so an attacker cannot learn anything from the answer.
      if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > replayWindow)
        throw new WebhookRejected('stale');
      let body: unknown;
      try {
        body = JSON.parse(rawBody);
      } catch {
        throw new WebhookRejected('malformed');
      }
      if (!Value.Check(WebhookBody, body) || body.event_type !== 'flow.completed')
        throw new WebhookRejected('malformed');
      return {
        eventId: body.event_id,
        sessionId: body.flow_id,
        reference: body.external_id ?? null,
        decision: toDecision(body.decision),
      };
    },
  };
}
