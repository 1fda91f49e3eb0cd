import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AuthGuards } from '@sauda/identity';
import { AppError, periodOf } from '@sauda/platform';
import { duesAuditLog } from './audit-log.ts';
import { historyOf } from './cabinet.ts';
import { confirmPayment, confirmPayments, refundPayment, rejectPayment } from './confirm-payment.ts';
import type { DuesContext } from './dues.context.ts';
import {
  ArrearsReportSchema,
  AuditPage,
  AuditQuery,
  BulkConfirmBody,
  BulkConfirmResponse,
  CollectedQuery,
  CollectedReportSchema,
  ConfirmBody,
  FeeChangeBody,
  ImportParams,
  ImportQuery,
  ImportReportSchema,
  ManualPaymentBody,
  MemberCardSchema,
  MemberExportQuery,
  MemberListQuery,
  MemberPage,
  MemberParams,
  MemberSchema,
  PageBody,
  PageEditParams,
  PageList,
  PageSchema,
  PaymentExportQuery,
  PaymentListQuery,
  PaymentPage,
  PaymentParams,
  ReasonBody,
  SettingsPatchBody,
  SettingsSchema,
  StaffMemberBody,
  StaffPatchBody,
  StaffPaymentSchema,
  StatusChangeBody,
  TicketCheckBody,
  TicketCheckResponse,
} from './dues.contracts.ts';
import { DuesErrors } from './dues.errors.ts';
import { actorOf, paymentPdf, receiptName, sendFile } from './dues.routes.ts';
import { imports } from './dues.tables.ts';
import { membersCsv, paymentsCsv } from './export-csv.ts';
import { loadFeeSchedule, scheduleFeeChange } from './fee-schedule.ts';
import { MAX_IMPORT_BYTES } from './import-file.ts';
import { startImport, toImportReport } from './import-members.ts';
import { listMembers } from './list-members.ts';
import { findStaffPayment, listPayments } from './list-payments.ts';
import { standingOf } from './member-standing.ts';
import { contactsOf, toMember } from './member-views.ts';
import { findMember } from './members.repository.ts';
import { verifyTicket } from './membership-ticket.ts';
import { pageHistory, savePage } from './pages.ts';
import { findPayment } from './payments.repository.ts';
import { DuesPermissions } from './dues.permissions.ts';
import { readReceipt } from './receipts.ts';
import { arrearsReport, collectedReport } from './reports.ts';
import { cleanMemberData, insertMember, withMemberConflicts } from './register-member.ts';
import { recordManualPayment } from './start-payment.ts';
import { loadSettings, updateSettings } from './settings.ts';
import { changeMemberStatus, updateMember } from './update-member.ts';
import { eq } from 'drizzle-orm';

const security: Record<string, string[]>[] = [{ cookie: [] }, { bearer: [] }];
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
};
const IMPORT_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

/** Staff endpoints; every change is written to the audit log with before and after. */
export function duesAdminRoutes(ctx: DuesContext, guards: AuthGuards) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['admin: dues'];
    const can = (permission: string) => guards.requirePermission(permission);

    app.addContentTypeParser(
      IMPORT_TYPES,
      { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
      (_request, body, done) => {
        done(null, body);
      },
    );

    const memberView = async (memberId: string) => {
      const row = await findMember(ctx.db, memberId);
      if (!row) throw new AppError(DuesErrors.DUES_MEMBER_NOT_FOUND);
      const standing = await standingOf(ctx.db, row, ctx.clock.now());
      return { row, standing, member: toMember(ctx.encryptor, row, standing.status) };
    };
    const staffPayment = async (paymentId: string) => {
      const item = await findStaffPayment(ctx.db, ctx.encryptor, paymentId);
      if (!item) throw new AppError(DuesErrors.DUES_PAYMENT_NOT_FOUND);
      return item;
    };

    // Members

    app.get(
      '/v1/admin/dues/members',
      {
        preHandler: can(DuesPermissions.membersRead),
        schema: {
          tags,
          security,
          summary: 'Members with filters: status, not paid for a month, city, name or phone',
          querystring: MemberListQuery,
          response: { 200: MemberPage, ...errors },
        },
      },
      async (request) => listMembers(ctx.db, ctx.encryptor, ctx.clock.now(), request.query),
    );

    app.get(
      '/v1/admin/dues/members/export.csv',
      {
        preHandler: can(DuesPermissions.reportsRead),
        schema: {
          tags,
          security,
          summary:
            'CSV (UTF-8 with BOM) of the filtered members for one month: ФИО, телефон, период, статус, дата подтверждения',
          querystring: MemberExportQuery,
          response: errors,
        },
      },
      async (request, reply) => {
        const { period = periodOf(ctx.clock.now()), ...query } = request.query;
        const csv = await membersCsv(ctx.db, ctx.encryptor, ctx.clock.now(), period, query, request.locale);
        return sendFile(
          reply,
          { data: csv, contentType: 'text/csv; charset=utf-8' },
          `members-${period}.csv`,
          false,
        );
      },
    );

    app.post(
      '/v1/admin/dues/members',
      {
        preHandler: can(DuesPermissions.membersManage),
        schema: {
          tags,
          security,
          summary:
            'Add a member by hand (no account yet; they can take it over by registering with the same verified phone)',
          body: StaffMemberBody,
          response: { 201: MemberSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { joinedPeriod, ...input } = request.body;
        const data = cleanMemberData(input, ctx.clock.now());
        const row = await withMemberConflicts(() =>
          ctx.db.transaction((tx) =>
            insertMember(ctx, tx, actorOf(request), data, {
              userId: null,
              source: 'staff',
              joinedPeriod: joinedPeriod ?? periodOf(ctx.clock.now()),
              preferredChannel: input.preferredChannel,
              remindersEnabled: input.remindersEnabled,
              locale: input.locale,
            }),
          ),
        );
        return reply.status(201).send((await memberView(row.id)).member);
      },
    );

    app.get(
      '/v1/admin/dues/members/:memberId',
      {
        preHandler: can(DuesPermissions.membersRead),
        schema: {
          tags,
          security,
          summary: 'Member card: profile, status, arrears and payment history',
          params: MemberParams,
          response: { 200: MemberCardSchema, ...errors },
        },
      },
      async (request) => {
        const { row, standing, member } = await memberView(request.params.memberId);
        return {
          member,
          arrears: standing.arrears.map((period) => {
            const fee = standing.schedule.forPeriod(period);
            return { period, amount: { amount: fee.amount.toString(), asset: fee.currency } };
          }),
          history: await historyOf(ctx.db, row, ctx.clock.now()),
        };
      },
    );

    app.patch(
      '/v1/admin/dues/members/:memberId',
      {
        preHandler: can(DuesPermissions.membersManage),
        schema: {
          tags,
          security,
          summary: 'Correct a member (name, phone, contacts, first month owed)',
          params: MemberParams,
          body: StaffPatchBody,
          response: { 200: MemberSchema, ...errors },
        },
      },
      async (request) => {
        await updateMember(ctx, actorOf(request), request.params.memberId, request.body);
        return (await memberView(request.params.memberId)).member;
      },
    );

    app.post(
      '/v1/admin/dues/members/:memberId/status',
      {
        preHandler: can(DuesPermissions.membersManage),
        schema: {
          tags,
          security,
          summary: 'Suspend or block a membership (with a reason), or lift it (status "none")',
          params: MemberParams,
          body: StatusChangeBody,
          response: { 200: MemberSchema, ...errors },
        },
      },
      async (request) => {
        await changeMemberStatus(ctx, actorOf(request), request.params.memberId, request.body);
        return (await memberView(request.params.memberId)).member;
      },
    );

    // Payments

    app.get(
      '/v1/admin/dues/payments',
      {
        preHandler: can(DuesPermissions.paymentsManage),
        schema: {
          tags,
          security,
          summary: 'Payments, pending first; filters by status, month, method, member',
          querystring: PaymentListQuery,
          response: { 200: PaymentPage, ...errors },
        },
      },
      async (request) => listPayments(ctx.db, ctx.encryptor, request.query),
    );

    app.get(
      '/v1/admin/dues/payments/export.csv',
      {
        preHandler: can(DuesPermissions.paymentsManage),
        schema: {
          tags,
          security,
          summary:
            'CSV (UTF-8 with BOM) of the filtered payments: ФИО, телефон, период, статус, дата подтверждения',
          querystring: PaymentExportQuery,
          response: errors,
        },
      },
      async (request, reply) => {
        const csv = await paymentsCsv(ctx.db, ctx.encryptor, request.query, request.locale);
        return sendFile(reply, { data: csv, contentType: 'text/csv; charset=utf-8' }, 'payments.csv', false);
      },
    );

    app.post(
      '/v1/admin/dues/payments',
      {
        preHandler: can(DuesPermissions.paymentsManage),
        schema: {
          tags,
          security,
          summary: 'Record a payment by hand (cash or a transfer seen in the bank): confirmed at once',
          body: ManualPaymentBody,
          response: { 201: StaffPaymentSchema, ...errors },
        },
      },
      async (request, reply) => {
        const payment = await recordManualPayment(ctx, actorOf(request), request.body);
        return reply.status(201).send(await staffPayment(payment.id));
      },
    );

    app.post(
      '/v1/admin/dues/payments/confirm',
      {
        preHandler: can(DuesPermissions.paymentsManage),
        schema: {
          tags,
          security,
          summary: 'Confirm several payments; each succeeds or fails on its own',
          body: BulkConfirmBody,
          response: { 200: BulkConfirmResponse, ...errors },
        },
      },
      async (request) => ({
        results: await confirmPayments(ctx, actorOf(request), request.body.paymentIds, (error) =>
          error.localizedMessage(request.locale),
        ),
      }),
    );

    app.get(
      '/v1/admin/dues/payments/:paymentId',
      {
        preHandler: can(DuesPermissions.paymentsManage),
        schema: {
          tags,
          security,
          summary: 'One payment',
          params: PaymentParams,
          response: { 200: StaffPaymentSchema, ...errors },
        },
      },
      async (request) => staffPayment(request.params.paymentId),
    );

    app.get(
      '/v1/admin/dues/payments/:paymentId/receipt',
      {
        preHandler: can(DuesPermissions.paymentsManage),
        schema: {
          tags,
          security,
          summary: 'The receipt attached to a payment',
          params: PaymentParams,
          response: errors,
        },
      },
      async (request, reply) => {
        const payment = await findPayment(ctx.db, request.params.paymentId);
        if (!payment) throw new AppError(DuesErrors.DUES_PAYMENT_NOT_FOUND);
        return sendFile(reply, await readReceipt(ctx, payment), receiptName(payment));
      },
    );

    app.get(
      '/v1/admin/dues/payments/:paymentId/confirmation.pdf',
      {
        preHandler: can(DuesPermissions.paymentsManage),
        schema: {
          tags,
          security,
          summary: 'The confirmation PDF of a payment',
          params: PaymentParams,
          response: errors,
        },
      },
      async (request, reply) => {
        const payment = await findPayment(ctx.db, request.params.paymentId);
        const member = payment ? await findMember(ctx.db, payment.memberId) : undefined;
        if (!payment || !member) throw new AppError(DuesErrors.DUES_PAYMENT_NOT_FOUND);
        const pdf = await paymentPdf(ctx, payment, member, request.locale);
        return sendFile(
          reply,
          { data: pdf, contentType: 'application/pdf' },
          `dues-${payment.period}.pdf`,
          false,
        );
      },
    );

    const paymentAction = (
      path: string,
      summary: string,
      body: typeof ConfirmBody | typeof ReasonBody,
      act: (
        paymentId: string,
        body: Record<string, string | undefined>,
        request: Parameters<typeof actorOf>[0],
      ) => Promise<unknown>,
    ) =>
      app.post(
        `/v1/admin/dues/payments/:paymentId/${path}`,
        {
          preHandler: can(DuesPermissions.paymentsManage),
          schema: {
            tags,
            security,
            summary,
            params: PaymentParams,
            body,
            response: { 200: StaffPaymentSchema, ...errors },
          },
        },
        async (request) => {
          const { paymentId } = request.params;
          await act(paymentId, request.body, request);
          return staffPayment(paymentId);
        },
      );
    paymentAction(
      'confirm',
      'Confirm a pending payment (optionally for another month); repeating it changes nothing',
      ConfirmBody,
      (id, body, request) => confirmPayment(ctx, actorOf(request), id, { period: body.period }),
    );
    paymentAction(
      'reject',
      'Reject a pending payment, with the reason the member is told',
      ReasonBody,
      (id, body, request) => rejectPayment(ctx, actorOf(request), id, body.reason ?? ''),
    );
    paymentAction(
      'refund',
      'Record that a confirmed payment was given back: the ledger transfer is reversed',
      ReasonBody,
      (id, body, request) => refundPayment(ctx, actorOf(request), id, body.reason ?? ''),
    );

    // Tickets

    app.post(
      '/v1/admin/dues/tickets/verify',
      {
        preHandler: can(DuesPermissions.ticketsCheck),
        schema: {
          tags,
          security,
          summary: 'Check a scanned membership ticket: who it is and whether they are active now',
          body: TicketCheckBody,
          response: { 200: TicketCheckResponse, ...errors },
        },
      },
      async (request) => {
        const ticket = verifyTicket(ctx.ticketKey, request.body.token);
        const row = ticket ? await findMember(ctx.db, ticket.memberId) : undefined;
        if (!row) throw new AppError(DuesErrors.DUES_TICKET_INVALID);
        const standing = await standingOf(ctx.db, row, ctx.clock.now());
        const paid = [...standing.confirmedPeriods].sort();
        return {
          valid: true as const,
          member: {
            id: row.id,
            number: row.number,
            fullName: contactsOf(ctx.encryptor, row).fullName,
            status: standing.status,
            currentPeriod: standing.currentPeriod,
            paidThrough: paid.at(-1) ?? null,
          },
        };
      },
    );

    // Reports and audit

    app.get(
      '/v1/admin/dues/reports/collected',
      {
        preHandler: can(DuesPermissions.reportsRead),
        schema: {
          tags,
          security,
          summary: 'Dues collected per month (by the month paid for) and the treasury balance',
          querystring: CollectedQuery,
          response: { 200: CollectedReportSchema, ...errors },
        },
      },
      async (request) => collectedReport(ctx.db, ctx.ledger, request.query),
    );

    app.get(
      '/v1/admin/dues/reports/arrears',
      {
        preHandler: can(DuesPermissions.reportsRead),
        schema: {
          tags,
          security,
          summary: 'Every member who owes, with the unpaid months and the amount',
          response: { 200: ArrearsReportSchema, ...errors },
        },
      },
      async () => ({ items: await arrearsReport(ctx.db, ctx.encryptor, ctx.clock.now()) }),
    );

    app.get(
      '/v1/admin/dues/audit',
      {
        preHandler: can(DuesPermissions.auditRead),
        schema: {
          tags,
          security,
          summary: 'Audit log of dues: every staff action with before and after',
          querystring: AuditQuery,
          response: { 200: AuditPage, ...errors },
        },
      },
      async (request) => {
        const page = await duesAuditLog(ctx.audit, request.query);
        return {
          nextBefore: page.nextBefore,
          items: page.items.map((entry) => ({ ...entry, occurredAt: entry.occurredAt.toISOString() })),
        };
      },
    );

    // Import

    // Imports applying rows in the background; the server's shutdown waits for them to finish.
    const running = new Set<Promise<unknown>>();
    plugin.addHook('onClose', async () => {
      await Promise.allSettled([...running]);
    });

    app.post(
      '/v1/admin/dues/imports',
      {
        preHandler: can(DuesPermissions.membersManage),
        bodyLimit: MAX_IMPORT_BYTES,
        schema: {
          tags,
          security,
          summary:
            'Import members from CSV or XLSX (the raw file as the body): ФИО, телефон, email, город, оплаченные месяцы. ' +
            'dryRun=true only checks and answers 200 with the result; a real import answers 202 once the file is ' +
            'read and checked, applies the rows in the background, and GET /v1/admin/dues/imports/{id} shows its progress',
          querystring: ImportQuery,
          response: {
            200: ImportReportSchema,
            202: ImportReportSchema,
            ...errors,
            413: { $ref: 'Problem#' },
            415: { $ref: 'Problem#' },
          },
        },
      },
      async (request, reply) => {
        const body: unknown = request.body;
        if (!Buffer.isBuffer(body))
          throw new AppError(DuesErrors.DUES_IMPORT_INVALID_FILE, { params: { reason: 'no file' } });
        const started = await startImport(
          ctx,
          actorOf(request),
          { name: request.query.fileName, data: body },
          { dryRun: request.query.dryRun, locale: request.locale },
        );
        if (request.query.dryRun) return started.run();
        const applying = started.run().catch((error: unknown) => {
          // The record says `failed`; the rows applied so far stay (each in its own transaction), and
          // importing the same file again updates them instead of doubling anything.
          ctx.logger?.error({ err: error, importId: started.started.id }, 'dues import failed');
        });
        running.add(applying);
        void applying.finally(() => running.delete(applying));
        return reply
          .code(202)
          .header('location', `/v1/admin/dues/imports/${started.started.id}`)
          .send(started.started);
      },
    );

    app.get(
      '/v1/admin/dues/imports/:importId',
      {
        preHandler: can(DuesPermissions.membersManage),
        schema: {
          tags,
          security,
          summary: 'Progress and result of an import',
          params: ImportParams,
          response: { 200: ImportReportSchema, ...errors },
        },
      },
      async (request) => {
        const [row] = await ctx.db.select().from(imports).where(eq(imports.id, request.params.importId));
        if (!row) throw new AppError(DuesErrors.DUES_IMPORT_NOT_FOUND);
        return toImportReport(row);
      },
    );

    // Settings and pages

    const settingsView = async () => {
      const [settings, schedule] = await Promise.all([loadSettings(ctx.db), loadFeeSchedule(ctx.db)]);
      return {
        ...settings,
        feeSchedule: schedule.versions.map((version) => ({
          effectiveFrom: version.effectiveFrom,
          amount: { amount: version.amount.toString(), asset: version.currency },
          deadlineDay: version.deadlineDay,
          createdAt: version.createdAt,
          createdBy: version.createdBy,
        })),
      };
    };

    app.get(
      '/v1/admin/dues/settings',
      {
        preHandler: can(DuesPermissions.settingsManage),
        schema: {
          tags,
          security,
          summary: 'Settings and the fee schedule with its history',
          response: { 200: SettingsSchema, ...errors },
        },
      },
      settingsView,
    );

    app.patch(
      '/v1/admin/dues/settings',
      {
        preHandler: can(DuesPermissions.settingsManage),
        schema: {
          tags,
          security,
          summary: 'Change the community name, payable months, bank details or reminder days',
          body: SettingsPatchBody,
          response: { 200: SettingsSchema, ...errors },
        },
      },
      async (request) => {
        await updateSettings(ctx, actorOf(request), request.body);
        return settingsView();
      },
    );

    app.post(
      '/v1/admin/dues/fee-schedule',
      {
        preHandler: can(DuesPermissions.settingsManage),
        schema: {
          tags,
          security,
          summary: 'Set the fee and deadline day from a future month on (months already started keep theirs)',
          body: FeeChangeBody,
          response: { 200: SettingsSchema, ...errors },
        },
      },
      async (request) => {
        await scheduleFeeChange(ctx, actorOf(request), request.body);
        return settingsView();
      },
    );

    app.put(
      '/v1/admin/dues/pages/:slug/:locale',
      {
        preHandler: can(DuesPermissions.pagesManage),
        schema: {
          tags,
          security,
          summary: 'Save a new version of a content page (refused if someone saved since baseVersion)',
          params: PageEditParams,
          body: PageBody,
          response: { 200: PageSchema, ...errors },
        },
      },
      async (request) => savePage(ctx, actorOf(request), { ...request.params, ...request.body }),
    );

    app.get(
      '/v1/admin/dues/pages/:slug/:locale/versions',
      {
        preHandler: can(DuesPermissions.pagesManage),
        schema: {
          tags,
          security,
          summary: 'Every version of a content page, newest first',
          params: PageEditParams,
          response: { 200: PageList, ...errors },
        },
      },
      async (request) => ({ items: await pageHistory(ctx.db, request.params.slug, request.params.locale) }),
    );
  };
}
