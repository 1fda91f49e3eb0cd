import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, type AuthGuards, type IdentityApi } from '@sauda/identity';
import { AppError, Money, periodOf } from '@sauda/platform';
import { cabinetOf, historyOf } from './cabinet.ts';
import { confirmationPdf } from './confirmation-pdf.ts';
import type { Actor, DuesContext } from './dues.context.ts';
import {
  CabinetSchema,
  PageList,
  PageParams,
  PageQuery,
  PageSchema,
  PaymentHistorySchema,
  PaymentParams,
  PaymentSchema,
  RegistrationBody,
  SelfPatchBody,
  StartPaymentBody,
  StartPaymentResponse,
  TicketSchema,
  WebhookResponse,
} from './dues.contracts.ts';
import { DuesErrors } from './dues.errors.ts';
import type { MemberRow, PageLocale, PaymentRow } from './dues.tables.ts';
import { transferInstruction } from './dues-texts.ts';
import { contactsOf } from './member-views.ts';
import { standingOf } from './member-standing.ts';
import { findMemberByUser } from './members.repository.ts';
import { issueTicket } from './membership-ticket.ts';
import { latestPage, latestPages } from './pages.ts';
import { findPayment, providerAttemptsOf } from './payments.repository.ts';
import { toPayment, withQrImage } from './payment-views.ts';
import { receiveProviderWebhook } from './provider-sync.ts';
import { attachReceipt, MAX_RECEIPT_BYTES, readReceipt } from './receipts.ts';
import { registerSelf } from './register-member.ts';
import { loadSettings } from './settings.ts';
import { startPayment } from './start-payment.ts';
import { updateMember } from './update-member.ts';

const security: Record<string, string[]>[] = [{ cookie: [] }, { bearer: [] }];
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
};
const RECEIPT_UPLOAD_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
  'application/octet-stream',
];
const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};

export const actorOf = (request: FastifyRequest): Actor => ({
  id: currentUser(request).id,
  context: request.context(),
});

/** Sends a stored file so a browser shows it and never guesses its type. */
export function sendFile(
  reply: FastifyReply,
  file: { data: Buffer; contentType: string },
  name: string,
  inline = true,
) {
  return reply
    .type(file.contentType)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${name}"`)
    .header('cache-control', 'private, no-store')
    .send(file.data);
}

export const receiptName = (payment: PaymentRow): string =>
  `receipt-${payment.period}-${payment.reference}.${EXTENSIONS[payment.receiptContentType ?? ''] ?? 'bin'}`;

export async function paymentPdf(
  ctx: DuesContext,
  payment: PaymentRow,
  member: MemberRow,
  locale: FastifyRequest['locale'],
) {
  if (payment.status !== 'confirmed' && payment.status !== 'refunded')
    throw new AppError(DuesErrors.DUES_PAYMENT_NOT_CONFIRMED, { params: { status: payment.status } });
  const settings = await loadSettings(ctx.db);
  return confirmationPdf({
    payment,
    memberName: contactsOf(ctx.encryptor, member).fullName,
    memberNumber: member.number,
    communityName: settings.communityName,
    generatedAt: ctx.clock.now(),
    locale,
  });
}

/** Public pages, the member's registration and cabinet, and the provider's webhook. */
export function duesRoutes(ctx: DuesContext, guards: AuthGuards, identity: Pick<IdentityApi, 'getProfile'>) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['dues'];
    const requireUser = guards.requireUser;

    // Bodies here are JSON or a receipt file; anything else (text/plain included) is 415.
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser(
      RECEIPT_UPLOAD_TYPES,
      { parseAs: 'buffer', bodyLimit: MAX_RECEIPT_BYTES },
      (_request, body, done) => {
        done(null, body);
      },
    );

    const memberOf = async (request: FastifyRequest): Promise<MemberRow> => {
      const member = await findMemberByUser(ctx.db, currentUser(request).id);
      if (!member) throw new AppError(DuesErrors.DUES_NOT_A_MEMBER);
      return member;
    };
    const ownPayment = async (request: FastifyRequest, paymentId: string) => {
      const member = await memberOf(request);
      const payment = await findPayment(ctx.db, paymentId);
      // Someone else's payment is "not found", never "forbidden": ids are not confirmed to exist.
      if (!payment || payment.memberId !== member.id) throw new AppError(DuesErrors.DUES_PAYMENT_NOT_FOUND);
      return { member, payment };
    };
    const paymentView = async (payment: PaymentRow) => {
      const attempts = await providerAttemptsOf(ctx.db, [payment.id]);
      return withQrImage(toPayment(payment, attempts.get(payment.id)?.[0]));
    };

    app.get(
      '/v1/dues/pages',
      {
        schema: {
          tags,
          summary: 'The newest version of every content page (public)',
          response: { 200: PageList },
        },
      },
      async () => ({ items: await latestPages(ctx.db) }),
    );

    app.get(
      '/v1/dues/pages/:slug',
      {
        schema: {
          tags,
          summary: 'One content page (public): in the asked language, else in Russian',
          params: PageParams,
          querystring: PageQuery,
          response: { 200: PageSchema, ...errors },
        },
      },
      async (request) => {
        const locale: PageLocale = request.query.locale ?? (request.locale === 'kk' ? 'kk' : 'ru');
        const page =
          (await latestPage(ctx.db, request.params.slug, locale)) ??
          (locale === 'ru' ? undefined : await latestPage(ctx.db, request.params.slug, 'ru'));
        if (!page) throw new AppError(DuesErrors.DUES_PAGE_NOT_FOUND);
        return page;
      },
    );

    app.post(
      '/v1/dues/membership',
      {
        preHandler: requireUser,
        schema: {
          tags,
          security,
          summary: 'Become a member: full name and phone required; email, IIN, city optional',
          body: RegistrationBody,
          response: { 201: CabinetSchema, ...errors },
        },
      },
      async (request, reply) => {
        const row = await registerSelf(ctx, identity, actorOf(request), request.body);
        return reply.status(201).send(await cabinetOf(ctx, row));
      },
    );

    app.get(
      '/v1/dues/me',
      {
        preHandler: requireUser,
        schema: {
          tags,
          security,
          summary: 'The cabinet: membership status, this month, what can be paid, arrears',
          response: { 200: CabinetSchema, ...errors },
        },
      },
      async (request) => cabinetOf(ctx, await memberOf(request)),
    );

    app.patch(
      '/v1/dues/me',
      {
        preHandler: requireUser,
        schema: {
          tags,
          security,
          summary: 'Change my member profile (contact data, reminder channel, reminders on or off)',
          body: SelfPatchBody,
          response: { 200: CabinetSchema, ...errors },
        },
      },
      async (request) => {
        const member = await memberOf(request);
        return cabinetOf(ctx, await updateMember(ctx, actorOf(request), member.id, request.body));
      },
    );

    app.get(
      '/v1/dues/me/payments',
      {
        preHandler: requireUser,
        schema: {
          tags,
          security,
          summary: 'My payment history, month by month',
          response: { 200: PaymentHistorySchema, ...errors },
        },
      },
      async (request) => historyOf(ctx.db, await memberOf(request), ctx.clock.now()),
    );

    app.post(
      '/v1/dues/me/payments',
      {
        preHandler: requireUser,
        schema: {
          tags,
          security,
          summary:
            'Pay for a month (default: the current one) by Kaspi QR or by transfer; pressing again returns the same open payment',
          body: StartPaymentBody,
          response: { 200: StartPaymentResponse, ...errors, 503: { $ref: 'Problem#' } },
        },
      },
      async (request) => {
        const member = await memberOf(request);
        const payment = await startPayment(ctx, actorOf(request), member.id, {
          period: request.body.period ?? periodOf(ctx.clock.now()),
          method: request.body.method,
        });
        const settings = await loadSettings(ctx.db);
        const amount = Money.fromMinor(payment.amount, payment.currency);
        return {
          payment: await paymentView(payment),
          transfer:
            payment.method === 'kaspi_transfer' && settings.requisites
              ? {
                  requisites: settings.requisites,
                  amount: amount.toJSON(),
                  reference: payment.reference,
                  instruction: transferInstruction(
                    settings.requisites,
                    amount,
                    payment.reference,
                    request.locale,
                  ),
                }
              : null,
        };
      },
    );

    app.get(
      '/v1/dues/me/payments/:paymentId',
      {
        preHandler: requireUser,
        schema: {
          tags,
          security,
          summary: 'One of my payments',
          params: PaymentParams,
          response: { 200: PaymentSchema, ...errors },
        },
      },
      async (request) => paymentView((await ownPayment(request, request.params.paymentId)).payment),
    );

    app.put(
      '/v1/dues/me/payments/:paymentId/receipt',
      {
        preHandler: requireUser,
        bodyLimit: MAX_RECEIPT_BYTES,
        schema: {
          tags,
          security,
          summary:
            'Attach the receipt of a transfer: the raw image (JPEG, PNG, WebP, HEIC) or PDF, at most 10 MiB',
          params: PaymentParams,
          response: { 200: PaymentSchema, ...errors, 413: { $ref: 'Problem#' }, 415: { $ref: 'Problem#' } },
        },
      },
      async (request) => {
        const body: unknown = request.body;
        if (!Buffer.isBuffer(body)) throw new AppError(DuesErrors.DUES_RECEIPT_INVALID);
        const member = await memberOf(request);
        const payment = await attachReceipt(ctx, actorOf(request), request.params.paymentId, body, {
          memberId: member.id,
        });
        return paymentView(payment);
      },
    );

    app.get(
      '/v1/dues/me/payments/:paymentId/receipt',
      {
        preHandler: requireUser,
        schema: {
          tags,
          security,
          summary: 'The receipt I attached',
          params: PaymentParams,
          response: errors,
        },
      },
      async (request, reply) => {
        const { payment } = await ownPayment(request, request.params.paymentId);
        return sendFile(reply, await readReceipt(ctx, payment), receiptName(payment));
      },
    );

    app.get(
      '/v1/dues/me/payments/:paymentId/confirmation.pdf',
      {
        preHandler: requireUser,
        schema: {
          tags,
          security,
          summary: 'The payment confirmation as a PDF (confirmed payments), in my language',
          params: PaymentParams,
          response: errors,
        },
      },
      async (request, reply) => {
        const { payment, member } = await ownPayment(request, request.params.paymentId);
        const pdf = await paymentPdf(ctx, payment, member, request.locale);
        return sendFile(
          reply,
          { data: pdf, contentType: 'application/pdf' },
          `dues-${payment.period}.pdf`,
          false,
        );
      },
    );

    app.get(
      '/v1/dues/me/ticket',
      {
        preHandler: requireUser,
        schema: {
          tags,
          security,
          summary: 'My membership ticket: a signed QR that staff scan to see whether I am active',
          response: { 200: TicketSchema, ...errors },
        },
      },
      async (request) => {
        const member = await memberOf(request);
        const standing = await standingOf(ctx.db, member, ctx.clock.now());
        const ticket = await issueTicket(ctx.ticketKey, member.id, ctx.clock.now(), ctx.publicUrl);
        return {
          ...ticket,
          memberNumber: member.number,
          fullName: contactsOf(ctx.encryptor, member).fullName,
          status: standing.status,
        };
      },
    );

    // The provider signs the raw body, so in this scope JSON stays text until it is verified.
    await app.register(async (scope) => {
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser(
        'application/json',
        { parseAs: 'string', bodyLimit: 64 * 1024 },
        (_request, body, done) => {
          done(null, body);
        },
      );
      scope.withTypeProvider<TypeBoxTypeProvider>().post(
        '/v1/dues/provider/webhook',
        {
          schema: {
            tags: ['dues: provider'],
            summary: 'Payment status pushed by the payment gateway (HMAC-signed; not for clients)',
            response: {
              200: WebhookResponse,
              400: { $ref: 'Problem#' },
              401: { $ref: 'Problem#' },
              403: { $ref: 'Problem#' },
            },
          },
        },
        async (request) => ({
          status: await receiveProviderWebhook(ctx, {
            headers: request.headers,
            rawBody: typeof request.body === 'string' ? request.body : '',
            ip: request.ip,
            // The replay window is wire-protocol time, compared with the sender's wall clock.
            now: new Date(),
          }),
        }),
      );
    });
  };
}
