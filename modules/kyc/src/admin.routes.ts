import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { translate, type Locale } from '@sauda/platform';
import { currentUser, type AuthGuards } from '@sauda/identity';
import { exportJournal } from './journal/export-journal.ts';
import type { JournalOperation } from './journal/kyc-journal.ts';
import type { KycContext, KycStaff } from './kyc.context.ts';
import {
  ApproveBody,
  CaseEvidenceResponse,
  CaseList,
  CaseListQuery,
  CaseParams,
  CaseSummary,
  DocumentParams,
  ExportQuery,
  RejectBody,
  ReopenBody,
} from './kyc.contracts.ts';
import { KycPermissions } from './kyc.permissions.ts';
import { listCases } from './kyc.repository.ts';
import type { CaseRow } from './kyc.tables.ts';
import { REASON_TEXTS } from './kyc-texts.ts';
import { approveCase, rejectCase, reopenCase } from './review-case.ts';
import { viewDocument, viewEvidence } from './view-evidence.ts';

const tags = ['admin: kyc'];
const security: Record<string, string[]>[] = [{ cookie: [] }, { bearer: [] }];
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
};

const staffOf = (request: FastifyRequest): KycStaff => {
  const user = currentUser(request);
  return { id: user.id, roles: user.roles, permissions: user.permissions, context: request.context() };
};

export function caseSummary(row: CaseRow, locale: Locale) {
  return {
    caseId: row.id,
    userId: row.userId,
    attempt: row.attempt,
    status: row.status,
    reason: row.reason,
    reasonText: row.reason ? translate(REASON_TEXTS[row.reason], locale) : null,
    maskedIin: row.iinMasked,
    documentType: row.documentType,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    purged: row.purgedAt !== null,
  };
}

/** The compliance officers' review queue, evidence, decisions and journal export. */
export function adminRoutes(ctx: KycContext, guards: AuthGuards) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const review = guards.requirePermission(KycPermissions.review);
    const personalData = guards.requirePermission(KycPermissions.personalDataRead);

    app.get(
      '/v1/admin/kyc/cases',
      {
        preHandler: review,
        schema: {
          tags,
          summary: 'Cases by status, newest first (default: the manual-review queue); IINs masked',
          security,
          querystring: CaseListQuery,
          response: { 200: CaseList, ...errors },
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const rows = await listCases(ctx.db, {
          statuses: [request.query.status ?? 'manual_review'],
          before: request.query.before,
          limit: limit + 1,
        });
        const items = rows.slice(0, limit).map((row) => caseSummary(row, request.locale));
        return { items, nextBefore: rows.length > limit ? (items.at(-1)?.caseId ?? null) : null };
      },
    );

    app.get(
      '/v1/admin/kyc/cases/:caseId',
      {
        preHandler: personalData,
        schema: {
          tags,
          summary: 'The evidence of a case, decrypted (compliance officers only; audited)',
          security,
          params: CaseParams,
          response: { 200: CaseEvidenceResponse, ...errors },
        },
      },
      async (request) => {
        const evidence = await viewEvidence(ctx, staffOf(request), request.params.caseId);
        const { kycCase } = evidence;
        return {
          case: caseSummary(kycCase, request.locale),
          iin: evidence.iin,
          declaredResident: kycCase.declaredResident,
          consentVersion: kycCase.consentVersion,
          consentGivenAt: kycCase.consentGivenAt.toISOString(),
          recognisedDocument: evidence.recognised ? { ...evidence.recognised } : null,
          statePerson: evidence.person ? { ...evidence.person } : null,
          providerChecks: kycCase.providerChecks,
          decisionNote: kycCase.decisionNote,
          documents: evidence.documents.map((document) => ({
            documentId: document.id,
            side: document.side,
            contentType: document.contentType,
            sizeBytes: document.sizeBytes,
            createdAt: document.createdAt.toISOString(),
            available: document.keyCiphertext !== null,
          })),
          history: evidence.history.map((entry) => ({
            seq: entry.seq,
            occurredAt: entry.occurredAt.toISOString(),
            actor: entry.actor,
            operation: entry.operation as JournalOperation,
            fromStatus: entry.fromStatus,
            toStatus: entry.toStatus,
            result: entry.result,
            reason: entry.reason,
          })),
        };
      },
    );

    app.get(
      '/v1/admin/kyc/cases/:caseId/documents/:documentId',
      {
        preHandler: personalData,
        schema: {
          tags,
          summary: 'A document image or selfie of a case, decrypted (compliance officers only; audited)',
          security,
          params: DocumentParams,
          response: errors,
        },
      },
      async (request, reply) => {
        const image = await viewDocument(
          ctx,
          staffOf(request),
          request.params.caseId,
          request.params.documentId,
        );
        return reply
          .header('cache-control', 'no-store')
          .header('content-disposition', 'inline')
          .type(image.contentType)
          .send(image.bytes);
      },
    );

    app.post(
      '/v1/admin/kyc/cases/:caseId/approve',
      {
        preHandler: review,
        schema: {
          tags,
          summary: 'Approve a case under manual review',
          security,
          params: CaseParams,
          body: ApproveBody,
          response: { 200: CaseSummary, ...errors },
        },
      },
      async (request) =>
        caseSummary(
          await approveCase(ctx, staffOf(request), request.params.caseId, request.body.note),
          request.locale,
        ),
    );

    app.post(
      '/v1/admin/kyc/cases/:caseId/reject',
      {
        preHandler: review,
        schema: {
          tags,
          summary: 'Reject a case under manual review, finally or allowing another attempt',
          security,
          params: CaseParams,
          body: RejectBody,
          response: { 200: CaseSummary, ...errors },
        },
      },
      async (request) =>
        caseSummary(
          await rejectCase(ctx, staffOf(request), request.params.caseId, request.body),
          request.locale,
        ),
    );

    app.post(
      '/v1/admin/kyc/cases/:caseId/reopen',
      {
        preHandler: review,
        schema: {
          tags,
          summary: 'Reopen a decided case for review (withdraws a verification until decided again)',
          security,
          params: CaseParams,
          body: ReopenBody,
          response: { 200: CaseSummary, ...errors },
        },
      },
      async (request) =>
        caseSummary(
          await reopenCase(ctx, staffOf(request), request.params.caseId, request.body.note),
          request.locale,
        ),
    );

    app.get(
      '/v1/admin/kyc/journal/export',
      {
        preHandler: guards.requirePermission(KycPermissions.journalExport),
        schema: {
          tags,
          summary: 'The KYC journal of a period as CSV or PDF, for the regulator (audited)',
          security,
          querystring: ExportQuery,
          response: errors,
        },
      },
      async (request, reply) => {
        const exported = await exportJournal(
          ctx,
          { id: currentUser(request).id, context: request.context() },
          { ...request.query, locale: request.query.locale ?? request.locale },
        );
        return reply
          .header('content-disposition', `attachment; filename="${exported.filename}"`)
          .header('cache-control', 'no-store')
          .type(exported.contentType)
          .send(exported.body);
      },
    );
  };
}
