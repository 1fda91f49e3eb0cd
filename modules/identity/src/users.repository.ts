import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { Executor } from '@sauda/platform';
import { consents, legalDocuments, userRoles, users, type UserRow } from './identity.tables.ts';
import type { Role } from './roles.ts';
import type { ContactKind } from './contact-points.ts';

export type NewUser = typeof users.$inferInsert;
export type UserPatch = Partial<Omit<NewUser, 'id' | 'createdAt'>>;

export async function insertUser(executor: Executor, user: NewUser): Promise<void> {
  await executor.insert(users).values(user);
}

/**
 * Inserts unless a user already holds one of the contact indexes; returns false on that conflict.
 * The partial unique indexes make two concurrent registrations of one address safe.
 */
export async function insertUserIfNew(executor: Executor, user: NewUser): Promise<boolean> {
  const inserted = await executor
    .insert(users)
    .values(user)
    .onConflictDoNothing()
    .returning({ id: users.id });
  return inserted.length === 1;
}

export async function findUser(
  executor: Executor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<UserRow | undefined> {
  const query = executor.select().from(users).where(eq(users.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findUserByContact(
  executor: Executor,
  kind: ContactKind,
  index: string,
  options: { forUpdate?: boolean } = {},
): Promise<UserRow | undefined> {
  const column = kind === 'email' ? users.emailIndex : users.phoneIndex;
  const query = executor.select().from(users).where(eq(column, index));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function updateUser(executor: Executor, id: string, patch: UserPatch): Promise<void> {
  await executor.update(users).set(patch).where(eq(users.id, id));
}

export async function rolesOf(executor: Executor, userId: string): Promise<Role[]> {
  const rows = await executor
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId))
    .orderBy(userRoles.role);
  return rows.map((row) => row.role as Role);
}

/** Returns false when the user already had the role. */
export async function addRole(
  executor: Executor,
  grant: { userId: string; role: Role; grantedAt: Date; grantedBy: string },
): Promise<boolean> {
  const inserted = await executor
    .insert(userRoles)
    .values(grant)
    .onConflictDoNothing()
    .returning({ role: userRoles.role });
  return inserted.length === 1;
}

/** Returns false when the user did not have the role. */
export async function removeRole(executor: Executor, userId: string, role: Role): Promise<boolean> {
  const deleted = await executor
    .delete(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.role, role)))
    .returning({ role: userRoles.role });
  return deleted.length === 1;
}

export async function countUsersWithRole(executor: Executor, role: Role): Promise<number> {
  const [row] = await executor
    .select({ count: sql<number>`count(*)::int` })
    .from(userRoles)
    .where(eq(userRoles.role, role));
  return row?.count ?? 0;
}

export interface LegalDocument {
  readonly document: string;
  readonly version: string;
  readonly url: string;
  readonly publishedAt: Date;
}

/** The latest published version of each document. */
export async function currentLegalDocuments(executor: Executor, now: Date): Promise<LegalDocument[]> {
  const rows = await executor
    .selectDistinctOn([legalDocuments.document])
    .from(legalDocuments)
    .where(lte(legalDocuments.publishedAt, now))
    .orderBy(legalDocuments.document, desc(legalDocuments.publishedAt));
  return rows;
}

export async function insertConsents(
  executor: Executor,
  rows: (typeof consents.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await executor.insert(consents).values(rows);
}

export async function anonymizeConsents(executor: Executor, userId: string): Promise<void> {
  await executor.update(consents).set({ ip: null }).where(eq(consents.userId, userId));
}

/** Users whose deletion grace period ended before `dueBefore`. */
export async function usersDueForErasure(
  executor: Executor,
  dueBefore: Date,
  limit: number,
): Promise<string[]> {
  const rows = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.status, 'deletion_requested'), lte(users.deletionRequestedAt, dueBefore)))
    .limit(limit);
  return rows.map((row) => row.id);
}
