import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { and, desc, eq } from 'drizzle-orm';
import type { Db, Encryptor, Executor } from '@sauda/platform';
import { contactIndex, normalizeEmail, normalizePhone, openFor } from './contact-points.ts';
import { users, verificationCodes, type CodePurpose } from './identity.tables.ts';
import type { CodeMessage, IdentityNotifier, SecurityNotice } from './notifier.ts';
import { totpFor } from './second-factor.ts';

/** Test helpers for identity and for other modules' tests that need signed-in users. */

/** A notifier that keeps every code message, for tests that build the module without notifications. */
export class RecordingNotifier implements IdentityNotifier {
  readonly messages: CodeMessage[] = [];
  readonly notices: SecurityNotice[] = [];

  async sendCode(_executor: Executor, message: CodeMessage): Promise<{ messageId: string }> {
    this.messages.push(message);
    return { messageId: `msg_test${String(this.messages.length)}` };
  }

  async sendNotice(_executor: Executor, notice: SecurityNotice): Promise<{ messageId: string }> {
    this.notices.push(notice);
    return { messageId: `msg_notice${String(this.notices.length)}` };
  }

  lastCode(address: string, purpose?: CodePurpose): string | undefined {
    return this.messages.findLast(
      (message) => message.address === address && (purpose === undefined || message.purpose === purpose),
    )?.code;
  }
}

/** The TOTP code an authenticator app would show for this secret at `at`. */
export const totpCodeAt = (secretBase32: string, at: Date): string =>
  totpFor(secretBase32, 'test').generate({ timestamp: at.getTime() });

/** Solves an ALTCHA challenge as the widget would and returns the payload to send as `altcha`. */
export async function solveAltcha(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('ALTCHA challenge could not be solved');
  const payload = {
    challenge: { parameters: challenge.parameters, signature: challenge.signature },
    solution,
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64');
}

interface DeliveryLogReader {
  deliveryLog(
    messageId: string,
  ): Promise<{ readonly deliveries: readonly { readonly content: unknown }[] } | undefined>;
}

/**
 * Reads the latest code sent to an address the way a person would: from the message notifications
 * recorded for it (identity keeps the message id beside the hashed code). A `change-*` code goes to
 * an address the account does not have yet; it is found by opening the pending address of the code.
 */
export function codeReader(deps: { db: Db; encryptor: Encryptor; notifications: DeliveryLogReader }) {
  return async (contact: { email?: string; phone?: string }, purpose: CodePurpose): Promise<string> => {
    const kind = contact.email !== undefined ? 'email' : 'phone';
    const value =
      contact.email !== undefined ? normalizeEmail(contact.email) : normalizePhone(contact.phone ?? '');
    const messageId =
      purpose === 'change-email' || purpose === 'change-phone'
        ? await changeCodeMessage(deps, kind, value, purpose)
        : await codeMessage(deps.db, contactIndex(deps.encryptor, kind, value), kind, purpose);
    if (!messageId) throw new Error(`no ${purpose} code was sent to that ${kind}`);
    const log = await deps.notifications.deliveryLog(messageId);
    const code = /\b(\d{6})\b/.exec(JSON.stringify(log?.deliveries.map((delivery) => delivery.content)))?.[1];
    if (!code) throw new Error(`message ${messageId} carries no code`);
    return code;
  };
}

async function codeMessage(
  db: Db,
  index: string,
  kind: 'email' | 'phone',
  purpose: CodePurpose,
): Promise<string | null | undefined> {
  const column = kind === 'email' ? users.emailIndex : users.phoneIndex;
  const [row] = await db
    .select({ messageId: verificationCodes.messageId })
    .from(verificationCodes)
    .innerJoin(users, eq(users.id, verificationCodes.userId))
    .where(and(eq(column, index), eq(verificationCodes.purpose, purpose)))
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  return row?.messageId;
}

async function changeCodeMessage(
  deps: { db: Db; encryptor: Encryptor },
  kind: 'email' | 'phone',
  value: string,
  purpose: CodePurpose,
): Promise<string | null | undefined> {
  const rows = await deps.db
    .select()
    .from(verificationCodes)
    .where(eq(verificationCodes.purpose, purpose))
    .orderBy(desc(verificationCodes.createdAt))
    .limit(200);
  return rows.find(
    (row) =>
      row.pendingAddressCiphertext !== null &&
      openFor(deps.encryptor, row.userId, `pending_${kind}`, row.pendingAddressCiphertext) === value,
  )?.messageId;
}
