import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@sauda/platform';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { createAuditModule } from './audit.module.ts';

describe('audit log', () => {
  let database: TestDatabase;
  const clock = new ManualClock('2026-11-01T08:00:00Z');
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  const audit = () => createAuditModule({ db: database.db, clock }).api;

  /** Rewrites history the way an attacker with table-owner rights would: triggers off for this session. */
  async function tamper(statement: string, params: unknown[] = []): Promise<void> {
    const client = await database.pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      await client.query(statement, params);
    } finally {
      await client.query('SET session_replication_role = origin');
      client.release();
    }
  }

  it('records entries with context and commits them with the audited change', async () => {
    const entry = await audit().record(database.db, {
      actor: 'usr_admin',
      action: 'identity.role-granted',
      entityType: 'user',
      entityId: 'usr_1',
      before: { roles: ['member'] },
      after: { roles: ['member', 'cashier'] },
      context: { requestId: 'req_1', ip: '10.0.0.1', userAgent: 'curl/8' },
    });
    expect(entry).toMatchObject({ seq: 1, actor: 'usr_admin', ip: '10.0.0.1', requestId: 'req_1' });
    await expect(
      database.db.transaction(async (tx) => {
        await audit().record(tx, {
          actor: 'usr_admin',
          action: 'identity.blocked',
          entityType: 'user',
          entityId: 'usr_2',
        });
        throw new Error('the block itself failed');
      }),
    ).rejects.toThrow('the block itself failed');
    expect(await audit().list({ limit: 10 })).toHaveLength(1);
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit().record(database.db, {
          actor: 'system:test',
          action: 'test.concurrent',
          entityType: 'thing',
          entityId: `t${i}`,
        }),
      ),
    );
    const result = await audit().verify();
    expect(result).toMatchObject({ ok: true, count: 21 });
    const filtered = await audit().list({
      action: 'test.concurrent',
      entityType: 'thing',
      entityId: 't3',
      limit: 5,
    });
    expect(filtered).toHaveLength(1);
    expect(await audit().list({ actor: 'system:test', beforeSeq: 5, limit: 50 })).toHaveLength(3);
  });

  it('rejects UPDATE, DELETE and TRUNCATE', async () => {
    await expect(database.pool.query(`UPDATE audit.entries SET actor = 'someone else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(database.pool.query(`DELETE FROM audit.entries`)).rejects.toThrow(/append-only/);
    await expect(database.pool.query(`TRUNCATE audit.entries`)).rejects.toThrow(/append-only/);
  });

  it('names an edited entry', async () => {
    await tamper(`UPDATE audit.entries SET after = '{"roles":["admin"]}' WHERE seq = 1`);
    const result = await audit().verify();
    expect(result).toMatchObject({ ok: false, count: 0, problem: { kind: 'edited', seq: 1 } });
  });

  it('names a removed entry and a row inserted out of chain', async () => {
    const fresh = await createTestDatabase();
    try {
      const api = createAuditModule({ db: fresh.db, clock }).api;
      for (let i = 0; i < 5; i += 1)
        await api.record(fresh.db, { actor: 'system:test', action: 'test.a', entityType: 'x' });
      const client = await fresh.pool.connect();
      try {
        await client.query('SET session_replication_role = replica');
        await client.query('DELETE FROM audit.entries WHERE seq = 3');
        expect(await api.verify()).toMatchObject({
          ok: false,
          count: 2,
          problem: { kind: 'missing', seq: 3 },
        });
        await client.query(
          `INSERT INTO audit.entries SELECT 3, 'aud_forged', occurred_at, actor, action, entity_type, entity_id, before, after,
             ip, user_agent, request_id, prev_hash, hash FROM audit.entries WHERE seq = 4`,
        );
        expect(await api.verify()).toMatchObject({
          ok: false,
          problem: { kind: 'out-of-chain', seq: 3, id: 'aud_forged' },
        });
      } finally {
        client.release();
      }
    } finally {
      await fresh.close();
    }
  });
});
