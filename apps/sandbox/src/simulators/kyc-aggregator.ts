import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Simulator } from '../sandbox.ts';
import type { WebhookSender } from '../webhooks.ts';

/**
 * A Kazakhstan KYC aggregator's "flow" API, over real HTTP, with a synthetic state database of
 * individuals (ГБД ФЛ). Contract (paths under the simulator's base, `/kyc-aggregator`):
 *
 *   POST /v2/flows                 { external_id, iin, steps, consent, callback_url } → 201 { flow_id, status, expires_at }
 *                                  (the same external_id again → 200 and the same flow)
 *   POST /v2/flows/:id/document    { document_type: ID_CARD|PASSPORT, images: [{ side, mime_type, content }] }
 *                                  → 200 { status, recognition: { quality: GOOD|UNREADABLE, fields } }
 *   POST /v2/flows/:id/liveness    { selfie: { mime_type, content } } → 202 { status: PROCESSING }
 *   GET  /v2/flows/:id             → { flow_id, external_id, status, decision }
 *
 * Requests must carry `X-Api-Key`, `X-Timestamp` and `X-Signature` = hex HMAC-SHA256(api secret,
 * `<timestamp>\n<METHOD>\n<path and query>\n<hex SHA-256 of the body>`), within 5 minutes. Errors are
 * `{ error }`: 401 signature, 400 body, 404 flow, 409 step, 410 expired, 422 image, 503 outage.
 * The decision is posted to `callback_url` as a signed webhook (`X-Sauda-Signature`).
 *
 * Outcomes come from a rule set for the IIN (control page, `POST /control/rules`, `setRule`),
 * else, in manual mode, from the operator on the control page, else from the state database:
 * unknown IIN → PERSON_NOT_FOUND, deceased → PERSON_DECEASED, otherwise APPROVED. The selfie is
 * any JPEG or PNG: no camera needed.
 */

export const KYC_AGGREGATOR_SANDBOX_API_KEY = 'sandbox-kyc-key';
export const KYC_AGGREGATOR_SANDBOX_API_SECRET = 'sandbox-kyc-api-secret';
export const KYC_AGGREGATOR_SANDBOX_WEBHOOK_SECRET = 'sandbox-kyc-webhook-secret';

const SIGNATURE_WINDOW_SECONDS = 300;

export interface KycAggregatorOptions {
  readonly apiKey?: string;
  readonly apiSecret?: string;
  readonly webhookSecret?: string;
  /** `manual`: flows wait on the control page for an operator's decision. */
  readonly decisionMode?: DecisionMode;
  /** Pause before a decision webhook, as a real provider's queue would. */
  readonly webhookDelayMs?: number;
  readonly flowTtlSeconds?: number;
}

export type DecisionMode = 'auto' | 'manual';
export type DecisionResult = 'APPROVED' | 'DECLINED' | 'REVIEW';
export const DECLINE_CODES = [
  'DOCUMENT_UNREADABLE',
  'DOCUMENT_EXPIRED',
  'DOCUMENT_FORGED',
  'LIVENESS_FAILED',
  'FACE_MISMATCH',
  'PERSON_NOT_FOUND',
  'PERSON_DECEASED',
  'DATA_MISMATCH',
] as const;
export type DeclineCode = (typeof DECLINE_CODES)[number];

/** What to do with flows of one IIN; unset parts fall back to the default behaviour. */
export interface KycAggregatorRule {
  /** `unreadable-once`: the first upload is unreadable, the next one is fine. */
  readonly document?: 'good' | 'unreadable' | 'unreadable-once';
  /** `PENDING`: never decide by itself (only polling or the control page moves it). */
  readonly decision?: DecisionResult | 'PENDING';
  readonly reason?: DeclineCode;
}

export interface SyntheticPerson {
  readonly iin: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName: string | null;
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
  readonly citizenship: string;
  readonly resident: boolean;
  readonly status: 'active' | 'deceased';
  readonly documentNumber: string;
  readonly documentExpiresOn: string;
  /** What this person is for in demos and tests, in every language of the control page. */
  readonly scenario: Readonly<Record<'ru' | 'kk' | 'en', string>>;
}

type FlowStatus = 'DOCUMENT_REQUIRED' | 'LIVENESS_REQUIRED' | 'PROCESSING' | 'COMPLETED' | 'EXPIRED';

interface Decision {
  readonly result: DecisionResult;
  readonly reasons: readonly string[];
  readonly person: Record<string, unknown> | null;
  readonly checks: Record<string, unknown>;
}

export interface SimulatedFlow {
  readonly id: string;
  readonly externalId: string;
  readonly iin: string;
  status: FlowStatus;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly callbackUrl: string | null;
  documentType: string | null;
  documentUploads: number;
  decision: Decision | null;
  eventId: string | null;
  webhooksSent: number;
}

/** The check digit of the first 11 digits, computed independently of the platform's validator. */
function checkDigit(prefix: string): number | undefined {
  const digits = prefix.split('').map(Number);
  const sum = (weights: readonly number[]) =>
    weights.reduce((total, w, i) => total + w * (digits[i] ?? 0), 0) % 11;
  const first = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (first !== 10) return first;
  const second = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return second === 10 ? undefined : second;
}

/** A valid IIN for a birth date and sex: the first serial from `serial` that has a check digit. */
export function syntheticIin(birthDate: string, sex: 'male' | 'female', serial: number): string {
  const [year = '', month = '', day = ''] = birthDate.split('-');
  const century = Number(year) >= 2000 ? 5 : Number(year) >= 1900 ? 3 : 1;
  for (let candidate = serial; ; candidate += 1) {
    const prefix = `${year.slice(2)}${month}${day}${century + (sex === 'female' ? 1 : 0)}${String(candidate % 10_000).padStart(4, '0')}`;
    const digit = checkDigit(prefix);
    if (digit !== undefined) return `${prefix}${digit}`;
  }
}

const person = (
  p: Omit<SyntheticPerson, 'iin' | 'citizenship' | 'resident' | 'status'> &
    Partial<Pick<SyntheticPerson, 'citizenship' | 'resident' | 'status'>> & { serial: number },
): SyntheticPerson => {
  const { serial, ...rest } = p;
  return {
    iin: syntheticIin(p.birthDate, p.sex, serial),
    citizenship: 'KZ',
    resident: true,
    status: 'active',
    ...rest,
  };
};

/** The synthetic state database: fake people whose IINs are valid by the IIN algorithm. */
export const SYNTHETIC_PERSONS: readonly SyntheticPerson[] = [
  person({
    lastName: 'Абенов',
    firstName: 'Нурлан',
    middleName: 'Серикович',
    birthDate: '1990-01-01',
    sex: 'male',
    serial: 1,
    documentNumber: '041234567',
    documentExpiresOn: '2031-05-20',
    scenario: {
      ru: 'взрослый резидент: одобрение',
      kk: 'ересек резидент: мақұлдау',
      en: 'adult resident: approved',
    },
  }),
  person({
    lastName: 'Сапарова',
    firstName: 'Айгерим',
    middleName: 'Қайратқызы',
    birthDate: '1995-03-15',
    sex: 'female',
    serial: 2,
    documentNumber: '045551234',
    documentExpiresOn: '2030-03-01',
    scenario: {
      ru: 'взрослый резидент: одобрение',
      kk: 'ересек резидент: мақұлдау',
      en: 'adult resident: approved',
    },
  }),
  person({
    lastName: 'Ким',
    firstName: 'Ольга',
    middleName: 'Викторовна',
    birthDate: '1988-12-31',
    sex: 'female',
    serial: 1,
    documentNumber: '047770001',
    documentExpiresOn: '2029-12-31',
    scenario: {
      ru: 'взрослый резидент: одобрение',
      kk: 'ересек резидент: мақұлдау',
      en: 'adult resident: approved',
    },
  }),
  person({
    lastName: 'Жұмабаев',
    firstName: 'Ерлан',
    middleName: 'Маратұлы',
    birthDate: '2000-02-29',
    sex: 'male',
    serial: 1,
    documentNumber: '049990002',
    documentExpiresOn: '2033-02-28',
    scenario: {
      ru: 'родился 29 февраля 2000 года: одобрение',
      kk: '2000 жылғы 29 ақпанда туған: мақұлдау',
      en: 'born on 29 February 2000: approved',
    },
  }),
  person({
    lastName: 'Тлеубаев',
    firstName: 'Асхат',
    middleName: 'Берікұлы',
    birthDate: '1990-01-01',
    sex: 'male',
    serial: 81,
    documentNumber: '041230081',
    documentExpiresOn: '2032-01-01',
    scenario: {
      ru: 'контрольная цифра по второму набору весов: одобрение',
      kk: 'бақылау цифры екінші салмақ жиынымен: мақұлдау',
      en: 'check digit from the second weight set: approved',
    },
  }),
  person({
    lastName: 'Иванов',
    firstName: 'Сергей',
    middleName: 'Петрович',
    birthDate: '1985-07-07',
    sex: 'male',
    serial: 3,
    citizenship: 'RU',
    resident: false,
    documentNumber: 'N0012345',
    documentExpiresOn: '2028-07-07',
    scenario: { ru: 'нерезидент с ИИН', kk: 'ЖСН-і бар резидент емес', en: 'non-resident with an IIN' },
  }),
  person({
    lastName: 'Сейтқали',
    firstName: 'Данияр',
    middleName: 'Асланұлы',
    birthDate: '2010-06-15',
    sex: 'male',
    serial: 1,
    documentNumber: '050000001',
    documentExpiresOn: '2030-06-15',
    scenario: { ru: 'несовершеннолетний', kk: 'кәмелетке толмаған', en: 'minor' },
  }),
  person({
    lastName: 'Нұрланова',
    firstName: 'Гүлнар',
    middleName: 'Бекетқызы',
    birthDate: '1950-05-20',
    sex: 'female',
    serial: 1,
    status: 'deceased',
    documentNumber: '030000777',
    documentExpiresOn: '2020-05-20',
    scenario: { ru: 'умерший: отказ', kk: 'қайтыс болған: бас тарту', en: 'deceased: declined' },
  }),
];

const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const isImage = (mime: unknown, content: unknown): boolean => {
  if (typeof content !== 'string' || (mime !== 'image/jpeg' && mime !== 'image/png')) return false;
  const bytes = Buffer.from(content, 'base64');
  return bytes
    .subarray(0, (mime === 'image/jpeg' ? JPEG : PNG).length)
    .equals(mime === 'image/jpeg' ? JPEG : PNG);
};

const sameText = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const LANGS = ['ru', 'kk', 'en'] as const;
type Lang = (typeof LANGS)[number];
const langOf = (value: unknown): Lang =>
  (LANGS as readonly unknown[]).includes(value) ? (value as Lang) : 'ru';

/** The control page's words. */
const T: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  title: { ru: 'Песочница KYC-агрегатора', kk: 'KYC агрегаторының құмсалғышы', en: 'KYC aggregator sandbox' },
  intro: {
    ru: 'Имитация провайдера проверки личности. Выберите исход для каждой проверки или задайте правило для ИИН.',
    kk: 'Жеке басын тексеру провайдерінің имитациясы. Әр тексерудің нәтижесін таңдаңыз немесе ЖСН үшін ереже орнатыңыз.',
    en: 'A simulated identity verification provider. Choose the outcome of each flow or set a rule for an IIN.',
  },
  settings: { ru: 'Настройки', kk: 'Баптаулар', en: 'Settings' },
  mode: { ru: 'Решения', kk: 'Шешімдер', en: 'Decisions' },
  auto: { ru: 'автоматически', kk: 'автоматты түрде', en: 'automatic' },
  manual: { ru: 'вручную на этой странице', kk: 'осы бетте қолмен', en: 'manual, on this page' },
  outage: {
    ru: 'Сбой сервиса (ответ 503)',
    kk: 'Қызмет ақауы (503 жауабы)',
    en: 'Service outage (answer 503)',
  },
  on: { ru: 'включён', kk: 'қосулы', en: 'on' },
  off: { ru: 'выключен', kk: 'өшірулі', en: 'off' },
  save: { ru: 'Сохранить', kk: 'Сақтау', en: 'Save' },
  flows: { ru: 'Проверки', kk: 'Тексерулер', en: 'Flows' },
  noFlows: { ru: 'Проверок пока нет', kk: 'Әзірге тексерулер жоқ', en: 'No flows yet' },
  status: { ru: 'Статус', kk: 'Мәртебе', en: 'Status' },
  decision: { ru: 'Решение', kk: 'Шешім', en: 'Decision' },
  decide: { ru: 'Применить', kk: 'Қолдану', en: 'Apply' },
  resend: {
    ru: 'Отправить уведомление ещё раз',
    kk: 'Хабарламаны қайта жіберу',
    en: 'Send the webhook again',
  },
  approve: { ru: 'Одобрить', kk: 'Мақұлдау', en: 'Approve' },
  decline: { ru: 'Отклонить', kk: 'Қабылдамау', en: 'Decline' },
  review: { ru: 'На ручную проверку', kk: 'Қолмен тексеруге', en: 'Send to review' },
  rules: { ru: 'Правила по ИИН', kk: 'ЖСН бойынша ережелер', en: 'Rules by IIN' },
  document: { ru: 'Документ', kk: 'Құжат', en: 'Document' },
  good: { ru: 'распознаётся', kk: 'танылады', en: 'readable' },
  unreadable: { ru: 'не распознаётся', kk: 'танылмайды', en: 'unreadable' },
  unreadableOnce: {
    ru: 'не распознаётся с первого раза',
    kk: 'бірінші рет танылмайды',
    en: 'unreadable the first time',
  },
  pending: { ru: 'не решать', kk: 'шешпеу', en: 'do not decide' },
  reason: { ru: 'Причина отказа', kk: 'Бас тарту себебі', en: 'Decline reason' },
  addRule: { ru: 'Задать правило', kk: 'Ереже орнату', en: 'Set rule' },
  clearRules: { ru: 'Удалить все правила', kk: 'Барлық ережелерді жою', en: 'Remove all rules' },
  persons: {
    ru: 'Государственная база данных физических лиц (вымышленные люди)',
    kk: 'Жеке тұлғалардың мемлекеттік дерекқоры (ойдан шығарылған адамдар)',
    en: 'State database of individuals (fictitious people)',
  },
  name: { ru: 'ФИО', kk: 'Аты-жөні', en: 'Name' },
  born: { ru: 'Дата рождения', kk: 'Туған күні', en: 'Born' },
  citizenship: { ru: 'Гражданство', kk: 'Азаматтығы', en: 'Citizenship' },
  scenario: { ru: 'Сценарий', kk: 'Сценарий', en: 'Scenario' },
  iin: { ru: 'ИИН', kk: 'ЖСН', en: 'IIN' },
};

const DECLINE_LABELS: Readonly<Record<DeclineCode, Readonly<Record<Lang, string>>>> = {
  DOCUMENT_UNREADABLE: { ru: 'документ не читается', kk: 'құжат оқылмайды', en: 'document unreadable' },
  DOCUMENT_EXPIRED: { ru: 'документ просрочен', kk: 'құжаттың мерзімі өткен', en: 'document expired' },
  DOCUMENT_FORGED: { ru: 'документ поддельный', kk: 'құжат жалған', en: 'document forged' },
  LIVENESS_FAILED: { ru: 'не живой человек', kk: 'тірі адам емес', en: 'liveness failed' },
  FACE_MISMATCH: { ru: 'лицо не совпадает', kk: 'бет сәйкес келмейді', en: 'face mismatch' },
  PERSON_NOT_FOUND: { ru: 'нет в базе', kk: 'дерекқорда жоқ', en: 'person not found' },
  PERSON_DECEASED: { ru: 'человек умер', kk: 'адам қайтыс болған', en: 'person deceased' },
  DATA_MISMATCH: { ru: 'данные не совпадают', kk: 'деректер сәйкес келмейді', en: 'data mismatch' },
};

const escapeHtml = (value: unknown): string =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export interface KycAggregatorSimulator extends Simulator {
  readonly persons: readonly SyntheticPerson[];
  readonly flows: readonly SimulatedFlow[];
  setRule(iin: string, rule: KycAggregatorRule): void;
  clearRules(): void;
  setOutage(down: boolean): void;
  /** Every response waits this long (to exercise client timeouts). */
  setLatency(milliseconds: number): void;
  setDecisionMode(mode: DecisionMode): void;
  /** Decides a flow waiting in PROCESSING and sends the webhook, as the control page does. */
  decide(flowId: string, result: DecisionResult, reason?: DeclineCode): Promise<void>;
  /** Sends the flow's last decision webhook again, with the same event id. */
  resendWebhook(flowId: string): Promise<void>;
  /** Marks a flow expired, as the provider does after its time to live. */
  expire(flowId: string): void;
}

export function createKycAggregatorSimulator(options: KycAggregatorOptions = {}): KycAggregatorSimulator {
  const apiKey = options.apiKey ?? KYC_AGGREGATOR_SANDBOX_API_KEY;
  const apiSecret = options.apiSecret ?? KYC_AGGREGATOR_SANDBOX_API_SECRET;
  const webhookSecret = options.webhookSecret ?? KYC_AGGREGATOR_SANDBOX_WEBHOOK_SECRET;
  const webhookDelayMs = options.webhookDelayMs ?? 50;
  const ttlSeconds = options.flowTtlSeconds ?? 86_400;
  let mode: DecisionMode = options.decisionMode ?? 'auto';
  let outage = false;
  let latency = 0;
  const flows = new Map<string, SimulatedFlow>();
  const rules = new Map<string, KycAggregatorRule>();
  const byIin = new Map(SYNTHETIC_PERSONS.map((p) => [p.iin, p]));
  let webhooks: WebhookSender | undefined;

  const personJson = (p: SyntheticPerson) => ({
    iin: p.iin,
    last_name: p.lastName,
    first_name: p.firstName,
    middle_name: p.middleName,
    birth_date: p.birthDate,
    citizenship: p.citizenship,
    resident: p.resident,
    document_number: p.documentNumber,
  });

  function decisionFor(flow: SimulatedFlow, result: DecisionResult, reason?: DeclineCode): Decision {
    const known = byIin.get(flow.iin);
    const checks = {
      liveness_score: result === 'DECLINED' && reason === 'LIVENESS_FAILED' ? 0.12 : 0.97,
      face_similarity: result === 'DECLINED' && reason === 'FACE_MISMATCH' ? 0.31 : 0.93,
      state_db: known
        ? result === 'DECLINED' && reason === 'DATA_MISMATCH'
          ? 'MISMATCH'
          : 'MATCH'
        : 'NOT_FOUND',
    };
    if (result === 'APPROVED' && known) return { result, reasons: [], person: personJson(known), checks };
    if (result === 'APPROVED')
      return { result: 'DECLINED', reasons: ['PERSON_NOT_FOUND'], person: null, checks };
    return {
      result,
      reasons: result === 'DECLINED' ? [reason ?? 'DATA_MISMATCH'] : [],
      person: null,
      checks,
    };
  }

  function automaticDecision(flow: SimulatedFlow): Decision | undefined {
    const rule = rules.get(flow.iin);
    if (rule?.decision === 'PENDING') return undefined;
    if (rule?.decision) return decisionFor(flow, rule.decision, rule.reason);
    if (mode === 'manual') return undefined;
    const known = byIin.get(flow.iin);
    if (!known) return decisionFor(flow, 'DECLINED', 'PERSON_NOT_FOUND');
    if (known.status === 'deceased') return decisionFor(flow, 'DECLINED', 'PERSON_DECEASED');
    return decisionFor(flow, 'APPROVED');
  }

  async function sendWebhook(flow: SimulatedFlow): Promise<void> {
    if (!webhooks || !flow.callbackUrl || !flow.decision || !flow.eventId) return;
    flow.webhooksSent += 1;
    await webhooks.send({
      simulator: 'kyc-aggregator',
      url: flow.callbackUrl,
      secret: webhookSecret,
      attempt: flow.webhooksSent,
      body: {
        event_id: flow.eventId,
        event_type: 'flow.completed',
        flow_id: flow.id,
        external_id: flow.externalId,
        occurred_at: new Date().toISOString(),
        decision: flow.decision,
      },
    });
  }

  function complete(flow: SimulatedFlow, decision: Decision): void {
    flow.decision = decision;
    flow.status = 'COMPLETED';
    flow.eventId = `evt_${randomUUID()}`;
    setTimeout(() => {
      void sendWebhook(flow);
    }, webhookDelayMs).unref();
  }

  const liveFlow = (id: string, reply: FastifyReply): SimulatedFlow | undefined => {
    const flow = flows.get(id);
    if (!flow) {
      void reply.status(404).send({ error: 'flow_not_found' });
      return undefined;
    }
    if (flow.status === 'EXPIRED' || Date.parse(flow.expiresAt) < Date.now()) {
      flow.status = 'EXPIRED';
      void reply.status(410).send({ error: 'flow_expired' });
      return undefined;
    }
    return flow;
  };

  const flowJson = (flow: SimulatedFlow) => ({
    flow_id: flow.id,
    external_id: flow.externalId,
    status: flow.status,
    expires_at: flow.expiresAt,
    decision: flow.decision,
  });

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (outage) {
      await reply.status(503).send({ error: 'service_unavailable' });
      return false;
    }
    const key = request.headers['x-api-key'];
    const timestamp = Number(request.headers['x-timestamp']);
    const signature = request.headers['x-signature'];
    const body = typeof request.body === 'string' ? request.body : '';
    const expected = createHmac('sha256', apiSecret)
      .update(
        `${timestamp}\n${request.method}\n${request.url}\n${createHash('sha256').update(body).digest('hex')}`,
      )
      .digest('hex');
    const fresh =
      Number.isFinite(timestamp) && Math.abs(Date.now() / 1000 - timestamp) <= SIGNATURE_WINDOW_SECONDS;
    if (
      typeof key !== 'string' ||
      !sameText(key, apiKey) ||
      typeof signature !== 'string' ||
      !fresh ||
      !sameText(signature, expected)
    ) {
      await reply.status(401).send({ error: 'invalid_signature' });
      return false;
    }
    return true;
  }

  const jsonBody = (request: FastifyRequest): Record<string, unknown> | undefined => {
    try {
      const parsed: unknown = JSON.parse(typeof request.body === 'string' ? request.body : '');
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };

  function page(lang: Lang, base: string): string {
    const t = (key: string): string => escapeHtml(T[key]?.[lang] ?? key);
    const q = `?lang=${lang}`;
    const action = (path: string): string => escapeHtml(`${base}/control/${path}${q}`);
    const option = (value: string, label: string, selected = false) =>
      `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${label}</option>`;
    const reasons = DECLINE_CODES.map((code) => option(code, escapeHtml(DECLINE_LABELS[code][lang]))).join(
      '',
    );
    const flowRows = [...flows.values()]
      .reverse()
      .map(
        (
          flow,
        ) => `<tr><td><code>${escapeHtml(flow.id)}</code><br><small>${escapeHtml(flow.externalId)}</small></td>
<td>${escapeHtml(flow.iin)}</td><td>${escapeHtml(flow.status)}${flow.decision ? `<br><b>${escapeHtml(flow.decision.result)}</b> ${escapeHtml(flow.decision.reasons.join(', '))}` : ''}</td>
<td>${
          flow.status === 'PROCESSING'
            ? `<form method="post" action="${action(`flows/${flow.id}/decide`)}"><select name="decision">${option('APPROVED', t('approve'))}${option('DECLINED', t('decline'))}${option('REVIEW', t('review'))}</select>
<select name="reason">${reasons}</select> <button>${t('decide')}</button></form>`
            : flow.decision
              ? `<form method="post" action="${action(`flows/${flow.id}/resend`)}"><button>${t('resend')}</button></form>`
              : ''
        }</td></tr>`,
      )
      .join('');
    const personRows = SYNTHETIC_PERSONS.map(
      (
        p,
      ) => `<tr><td><code>${escapeHtml(p.iin)}</code></td><td>${escapeHtml(`${p.lastName} ${p.firstName} ${p.middleName ?? ''}`)}</td>
<td>${escapeHtml(p.birthDate)}</td><td>${escapeHtml(p.citizenship)}${p.resident ? '' : ' *'}</td><td>${escapeHtml(p.scenario[lang])}</td></tr>`,
    ).join('');
    const ruleRows = [...rules.entries()]
      .map(([iin, rule]) => `<li><code>${escapeHtml(iin)}</code>: ${escapeHtml(JSON.stringify(rule))}</li>`)
      .join('');
    return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${t('title')}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}nav a{margin-right:1rem}</style></head>
<body><nav>${LANGS.map((l) => `<a href="?lang=${l}">${l}</a>`).join('')}</nav>
<h1>${t('title')}</h1><p>${t('intro')}</p>
<h2>${t('settings')}</h2><form method="post" action="${action('settings')}">
<label>${t('mode')} <select name="mode">${option('auto', t('auto'), mode === 'auto')}${option('manual', t('manual'), mode === 'manual')}</select></label>
<label>${t('outage')} <select name="outage">${option('off', t('off'), !outage)}${option('on', t('on'), outage)}</select></label>
<button>${t('save')}</button></form>
<h2>${t('flows')}</h2>${flowRows ? `<table><tr><th>ID</th><th>${t('iin')}</th><th>${t('status')}</th><th>${t('decision')}</th></tr>${flowRows}</table>` : `<p>${t('noFlows')}</p>`}
<h2>${t('rules')}</h2><ul>${ruleRows}</ul><form method="post" action="${action('rules')}">
<label>${t('iin')} <input name="iin" pattern="[0-9]{12}" required></label>
<label>${t('document')} <select name="document">${option('good', t('good'))}${option('unreadable', t('unreadable'))}${option('unreadable-once', t('unreadableOnce'))}</select></label>
<label>${t('decision')} <select name="decision">${option('', '—')}${option('APPROVED', t('approve'))}${option('DECLINED', t('decline'))}${option('REVIEW', t('review'))}${option('PENDING', t('pending'))}</select></label>
<label>${t('reason')} <select name="reason">${option('', '—')}${reasons}</select></label>
<button>${t('addRule')}</button></form><form method="post" action="${action('rules/clear')}"><button>${t('clearRules')}</button></form>
<h2>${t('persons')}</h2><table><tr><th>${t('iin')}</th><th>${t('name')}</th><th>${t('born')}</th><th>${t('citizenship')}</th><th>${t('scenario')}</th></tr>${personRows}</table>
</body></html>`;
  }

  const parseRule = (body: Record<string, unknown>): { iin: string; rule: KycAggregatorRule } | undefined => {
    const { iin, document, decision, reason } = body;
    if (typeof iin !== 'string' || !/^\d{12}$/.test(iin)) return undefined;
    const rule: { -readonly [K in keyof KycAggregatorRule]: KycAggregatorRule[K] } = {};
    if (document === 'good' || document === 'unreadable' || document === 'unreadable-once')
      rule.document = document;
    if (decision === 'APPROVED' || decision === 'DECLINED' || decision === 'REVIEW' || decision === 'PENDING')
      rule.decision = decision;
    if ((DECLINE_CODES as readonly unknown[]).includes(reason)) rule.reason = reason as DeclineCode;
    return { iin, rule };
  };

  const simulator: KycAggregatorSimulator = {
    name: 'kyc-aggregator',
    description:
      'KYC aggregator: flows (document, liveness, state database), signed webhooks; control page at /',
    persons: SYNTHETIC_PERSONS,
    get flows() {
      return [...flows.values()];
    },
    setRule(iin, rule) {
      rules.set(iin, rule);
    },
    clearRules() {
      rules.clear();
    },
    setOutage(down) {
      outage = down;
    },
    setLatency(milliseconds) {
      latency = milliseconds;
    },
    setDecisionMode(next) {
      mode = next;
    },
    async decide(flowId, result, reason) {
      const flow = flows.get(flowId);
      if (flow?.status !== 'PROCESSING') throw new Error(`flow ${flowId} is not waiting for a decision`);
      flow.decision = decisionFor(flow, result, reason);
      flow.status = 'COMPLETED';
      flow.eventId = `evt_${randomUUID()}`;
      await sendWebhook(flow);
    },
    async resendWebhook(flowId) {
      const flow = flows.get(flowId);
      if (flow) await sendWebhook(flow);
    },
    expire(flowId) {
      const flow = flows.get(flowId);
      if (flow) flow.status = 'EXPIRED';
    },

    async register(app: FastifyInstance, context) {
      webhooks = context.webhooks;
      // The request signature covers the raw body, so JSON stays text until it is checked.
      app.removeContentTypeParser('application/json');
      app.addContentTypeParser(
        'application/json',
        { parseAs: 'string', bodyLimit: 30 * 1024 * 1024 },
        (_r, body, done) => {
          done(null, body);
        },
      );
      app.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_r, body, done) => {
          done(null, Object.fromEntries(new URLSearchParams(String(body))));
        },
      );

      app.post('/v2/flows', async (request, reply) => {
        if (!(await authenticate(request, reply))) return reply;
        const body = jsonBody(request);
        const externalId = body?.external_id;
        const iin = body?.iin;
        if (typeof externalId !== 'string' || typeof iin !== 'string' || !/^\d{12}$/.test(iin))
          return reply.status(400).send({ error: 'invalid_request' });
        const existing = [...flows.values()].find((flow) => flow.externalId === externalId);
        if (existing) return reply.status(200).send(flowJson(existing));
        const now = Date.now();
        const flow: SimulatedFlow = {
          id: `flw_${randomUUID()}`,
          externalId,
          iin,
          status: 'DOCUMENT_REQUIRED',
          createdAt: new Date(now).toISOString(),
          expiresAt: new Date(now + ttlSeconds * 1000).toISOString(),
          callbackUrl: typeof body?.callback_url === 'string' ? body.callback_url : null,
          documentType: null,
          documentUploads: 0,
          decision: null,
          eventId: null,
          webhooksSent: 0,
        };
        flows.set(flow.id, flow);
        return reply.status(201).send(flowJson(flow));
      });

      app.post<{ Params: { id: string } }>('/v2/flows/:id/document', async (request, reply) => {
        if (!(await authenticate(request, reply))) return reply;
        const flow = liveFlow(request.params.id, reply);
        if (!flow) return reply;
        if (flow.status !== 'DOCUMENT_REQUIRED') return reply.status(409).send({ error: 'wrong_step' });
        const body = jsonBody(request);
        const type = body?.document_type;
        const images = Array.isArray(body?.images) ? (body.images as Record<string, unknown>[]) : [];
        const sides = images
          .map((image) => image.side)
          .sort()
          .join(',');
        if ((type !== 'ID_CARD' || sides !== 'BACK,FRONT') && (type !== 'PASSPORT' || sides !== 'MAIN'))
          return reply.status(400).send({ error: 'invalid_document_pages' });
        if (!images.every((image) => isImage(image.mime_type, image.content)))
          return reply.status(422).send({ error: 'invalid_image' });
        flow.documentUploads += 1;
        flow.documentType = type;
        const rule = rules.get(flow.iin)?.document;
        if (rule === 'unreadable' || (rule === 'unreadable-once' && flow.documentUploads === 1))
          return reply.send({
            flow_id: flow.id,
            status: flow.status,
            recognition: { quality: 'UNREADABLE', fields: null },
          });
        flow.status = 'LIVENESS_REQUIRED';
        const known = byIin.get(flow.iin);
        return reply.send({
          flow_id: flow.id,
          status: flow.status,
          recognition: {
            quality: 'GOOD',
            fields: {
              document_type: type,
              document_number: known?.documentNumber ?? '000000000',
              iin: flow.iin,
              last_name: known?.lastName ?? null,
              first_name: known?.firstName ?? null,
              middle_name: known?.middleName ?? null,
              birth_date: known?.birthDate ?? null,
              expiry_date: known?.documentExpiresOn ?? null,
            },
          },
        });
      });

      app.post<{ Params: { id: string } }>('/v2/flows/:id/liveness', async (request, reply) => {
        if (!(await authenticate(request, reply))) return reply;
        const flow = liveFlow(request.params.id, reply);
        if (!flow) return reply;
        if (flow.status !== 'LIVENESS_REQUIRED') return reply.status(409).send({ error: 'wrong_step' });
        const selfie = jsonBody(request)?.selfie as Record<string, unknown> | undefined;
        if (!isImage(selfie?.mime_type, selfie?.content))
          return reply.status(422).send({ error: 'invalid_image' });
        flow.status = 'PROCESSING';
        const decision = automaticDecision(flow);
        if (decision) complete(flow, decision);
        return reply.status(202).send({ flow_id: flow.id, status: 'PROCESSING' });
      });

      app.get<{ Params: { id: string } }>('/v2/flows/:id', async (request, reply) => {
        if (!(await authenticate(request, reply))) return reply;
        const flow = flows.get(request.params.id);
        if (!flow) return reply.status(404).send({ error: 'flow_not_found' });
        return reply.send(flowJson(flow));
      });

      app.get('/persons', async () => ({ persons: SYNTHETIC_PERSONS }));
      app.get('/flows', async () => ({ flows: [...flows.values()] }));

      app.get<{ Querystring: { lang?: string } }>('/', async (request, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .send(page(langOf(request.query.lang), (request.url.split('?')[0] ?? '').replace(/\/+$/, ''))),
      );
      const back = (request: FastifyRequest<{ Querystring: { lang?: string } }>, reply: FastifyReply) =>
        reply.redirect(`${request.url.split('/control/')[0] ?? ''}/?lang=${langOf(request.query.lang)}`, 303);

      app.post<{ Querystring: { lang?: string } }>('/control/settings', async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        if (body.mode === 'auto' || body.mode === 'manual') mode = body.mode;
        if (body.outage === 'on' || body.outage === 'off') outage = body.outage === 'on';
        return back(request, reply);
      });
      app.post<{ Querystring: { lang?: string } }>('/control/rules', async (request, reply) => {
        const body =
          typeof request.body === 'string' ? jsonBody(request) : (request.body as Record<string, unknown>);
        const parsed = body ? parseRule(body) : undefined;
        if (!parsed) return reply.status(400).send({ error: 'invalid_rule' });
        rules.set(parsed.iin, parsed.rule);
        return typeof request.body === 'string'
          ? reply.send({ iin: parsed.iin, rule: parsed.rule })
          : back(request, reply);
      });
      app.post<{ Querystring: { lang?: string } }>('/control/rules/clear', async (request, reply) => {
        rules.clear();
        return back(request, reply);
      });
      app.post<{ Params: { id: string }; Querystring: { lang?: string } }>(
        '/control/flows/:id/decide',
        async (request, reply) => {
          const body = (request.body ?? {}) as Record<string, unknown>;
          const result = body.decision;
          if (result !== 'APPROVED' && result !== 'DECLINED' && result !== 'REVIEW')
            return reply.status(400).send({ error: 'invalid_decision' });
          const reason = (DECLINE_CODES as readonly unknown[]).includes(body.reason)
            ? (body.reason as DeclineCode)
            : undefined;
          try {
            await simulator.decide(request.params.id, result, reason);
          } catch {
            return reply.status(409).send({ error: 'not_waiting' });
          }
          return back(request, reply);
        },
      );
      app.post<{ Params: { id: string }; Querystring: { lang?: string } }>(
        '/control/flows/:id/resend',
        async (request, reply) => {
          await simulator.resendWebhook(request.params.id);
          return back(request, reply);
        },
      );
    },
  };
  return simulator;
}
