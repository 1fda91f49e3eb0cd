import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '@sauda/platform';
import type { Actor, DuesContext } from './dues.context.ts';
import { DuesErrors } from './dues.errors.ts';
import { payments, type PaymentRow } from './dues.tables.ts';
import { findPayment } from './payments.repository.ts';

/** Receipts larger than this are refused (a phone photo or a bank's PDF is far smaller). */
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;
export const RECEIPT_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
] as const;

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A receipt shows a person's name, bank and card digits: each one is encrypted with its own random
 * AES-256-GCM key before it reaches the file store, and that key is kept wrapped by the Encryptor
 * in the payment row (bound to the payment id), so `sauda keys rotate` covers receipts too.
 */
function sealReceipt(ctx: DuesContext, paymentId: string, data: Buffer): { file: Buffer; dataKey: string } {
  const key = randomBytes(32);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(data), cipher.final()]);
  return {
    file: Buffer.concat([iv, cipher.getAuthTag(), body]),
    dataKey: ctx.encryptor.encrypt(key.toString('base64'), `${paymentId}:receipt`),
  };
}

function openReceipt(ctx: DuesContext, paymentId: string, file: Buffer, dataKey: string): Buffer {
  const key = Buffer.from(ctx.encryptor.decrypt(dataKey, `${paymentId}:receipt`), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, file.subarray(0, IV_BYTES));
  decipher.setAuthTag(file.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(file.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** The receipt's real type, read from its bytes (whatever the upload claimed). */
export async function sniffReceipt(data: Buffer): Promise<(typeof RECEIPT_CONTENT_TYPES)[number]> {
  if (data.length === 0 || data.length > MAX_RECEIPT_BYTES)
    throw new AppError(DuesErrors.DUES_RECEIPT_INVALID);
  const detected = await fileTypeFromBuffer(data);
  const type = RECEIPT_CONTENT_TYPES.find((candidate) => candidate === detected?.mime);
  if (!type) throw new AppError(DuesErrors.DUES_RECEIPT_INVALID);
  return type;
}

/** Attaches (or replaces) the receipt of a pending payment. */
export async function attachReceipt(
  ctx: DuesContext,
  actor: Actor,
  paymentId: string,
  data: Buffer,
  owner: { readonly memberId?: string | undefined } = {},
): Promise<PaymentRow> {
  const contentType = await sniffReceipt(data);
  const existing = await findPayment(ctx.db, paymentId);
  if (!existing || (owner.memberId && existing.memberId !== owner.memberId))
    throw new AppError(DuesErrors.DUES_PAYMENT_NOT_FOUND);
  if (existing.status !== 'pending')
    throw new AppError(DuesErrors.DUES_PAYMENT_NOT_PENDING, { params: { status: existing.status } });
  const sealed = sealReceipt(ctx, paymentId, data);
  const digest = createHash('sha256').update(sealed.file).digest('hex').slice(0, 32);
  const key = `dues-receipts/${paymentId.toLowerCase()}/${digest}.bin`;
  await ctx.storage.put(key, { data: sealed.file, contentType: 'application/octet-stream' });
  return ctx.db.transaction(async (tx) => {
    const payment = await findPayment(tx, paymentId, true);
    if (!payment) throw new AppError(DuesErrors.DUES_PAYMENT_NOT_FOUND);
    if (payment.status !== 'pending')
      throw new AppError(DuesErrors.DUES_PAYMENT_NOT_PENDING, { params: { status: payment.status } });
    const now = ctx.clock.now();
    const [row] = await tx
      .update(payments)
      .set({
        receiptKey: key,
        receiptDataKey: sealed.dataKey,
        receiptContentType: contentType,
        receiptBytes: data.length,
        receiptUploadedAt: now,
        updatedAt: now,
      })
      .where(eq(payments.id, paymentId))
      .returning();
    if (!row) throw new Error('payment vanished while locked');
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'dues.receipt-attached',
      entityType: 'dues-payment',
      entityId: paymentId,
      before: { receiptKey: payment.receiptKey },
      after: { receiptKey: key, contentType, bytes: data.length },
      context: actor.context,
    });
    return row;
  });
}

export async function readReceipt(
  ctx: DuesContext,
  payment: PaymentRow,
): Promise<{ data: Buffer; contentType: string }> {
  if (!payment.receiptKey || !payment.receiptDataKey || !payment.receiptContentType)
    throw new AppError(DuesErrors.DUES_RECEIPT_NOT_FOUND);
  const stored = await ctx.storage.get(payment.receiptKey);
  if (!stored) throw new AppError(DuesErrors.DUES_RECEIPT_NOT_FOUND);
  return {
    data: openReceipt(ctx, payment.id, stored.data, payment.receiptDataKey),
    contentType: payment.receiptContentType,
  };
}
