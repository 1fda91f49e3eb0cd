import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '@sauda/platform';
import { codes } from './referrals.tables.ts';

/**
 * Referral codes: eight characters a person can read aloud and type without confusion (no 0/O,
 * 1/I/L), random, so codes say nothing about who owns them or how many users there are.
 */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 8;
const ATTEMPTS = 5;

export const CODE_PATTERN = /^[A-Z2-9]{8}$/;

const randomCode = (): string =>
  Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)] ?? 'A').join('');

/** What people type: spaces, dashes and lower case are forgiven. */
export const normalizeCode = (text: string): string => text.replace(/[\s-]/g, '').toUpperCase();

/** The user's code, created on first use; idempotent and safe under concurrent calls. */
export async function ensureCode(executor: Executor, userId: string, now: Date): Promise<string> {
  const find = async () => (await executor.select().from(codes).where(eq(codes.userId, userId)))[0]?.code;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const existing = await find();
    if (existing) return existing;
    // ON CONFLICT without a target also absorbs a collision with another user's code: the loop retries.
    await executor.insert(codes).values({ userId, code: randomCode(), createdAt: now }).onConflictDoNothing();
  }
  const created = await find();
  if (!created) throw new Error(`could not create a referral code for ${userId}`);
  return created;
}

export async function ownerOfCode(executor: Executor, code: string): Promise<string | undefined> {
  if (!CODE_PATTERN.test(code)) return undefined;
  const [row] = await executor.select({ userId: codes.userId }).from(codes).where(eq(codes.code, code));
  return row?.userId;
}
