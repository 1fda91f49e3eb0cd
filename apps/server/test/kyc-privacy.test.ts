import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { deliverPendingEvents, sql } from '@sauda/platform';
import { signatureHeader } from '@sauda/sandbox';
import {
  call,
  KYC_SECRETS,
  kycStatus,
  newComplianceOfficer,
  newUser,
  personNamed,
  startKyc,
  statusEventually,
  useKycApp,
  walkFlow,
} from './kyc-helpers.ts';
import { DEFAULT_PASSWORD } from './identity-helpers.ts';

const RETENTION_DAYS = 10;
const ctx = useKycApp({ captureLogs: true, env: { SAUDA_KYC_RETENTION_DAYS: String(RETENTION_DAYS) } });
const DAY = 86_400_000;

const verifiedPerson = personNamed('Абенов');
const minor = personNamed('Сейтқали');
const outagePerson = personNamed('Ким');
const mistyped = '900101300018';
const iins = [verifiedPerson.iin, minor.iin, outagePerson.iin, mistyped];

const errorBodies: string[] = [];
const track = (response: LightMyRequestResponse): LightMyRequestResponse => {
  if (response.statusCode >= 400) errorBodies.push(response.body);
  return response;
};

interface Hit {
  readonly where: string;
  readonly iin: string;
}

/** Every text and JSON column of every table in every schema, searched for each IIN. */
async function databaseHits(values: readonly string[]): Promise<{ hits: Hit[]; columns: number }> {
  const { rows: columns } = await ctx().database.db.execute<{
    schema: string;
    table: string;
    column: string;
  }>(sql`
    SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE t.table_type = 'BASE TABLE'
      AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
      AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')`);
  const hits: Hit[] = [];
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  for (const { schema, table, column } of columns) {
    for (const iin of values) {
      const { rows } = await ctx().database.pool.query<{ count: string }>(
        `SELECT count(*) AS count FROM ${quote(schema)}.${quote(table)} WHERE ${quote(column)}::text LIKE $1`,
        [`%${iin}%`],
      );
      if (Number(rows[0]?.count) > 0) hits.push({ where: `${schema}.${table}.${column}`, iin });
    }
  }
  return { hits, columns: columns.length };
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(directory, entry.name)) : [join(directory, entry.name)],
  );
}

describe('personal data protection', () => {
  it('leaves no plaintext IIN in the database, the logs, error bodies or document files', async () => {
    const { app, simulator, clock, logs, documentsDir } = ctx();
    const verified = await newUser(ctx());
    await walkFlow(ctx(), verified, verifiedPerson.iin);
    await statusEventually(ctx(), verified, 'verified');

    const duplicate = await newUser(ctx());
    const queued = (await startKyc(ctx(), duplicate, verifiedPerson.iin)).json<{ caseId: string }>();
    track(await startKyc(ctx(), duplicate, verifiedPerson.iin));

    const young = await newUser(ctx());
    track(await startKyc(ctx(), young, minor.iin));
    track(await call(ctx(), young, 'POST', '/v1/kyc/document', { documentType: 'passport', pages: [] }));

    const typo = await newUser(ctx());
    track(await startKyc(ctx(), typo, mistyped));
    for (const iin of iins)
      track(
        await ctx().app.inject({
          method: 'POST',
          url: '/v1/iin/validate',
          remoteAddress: typo.ip,
          payload: { iin },
        }),
      );

    const patient = await newUser(ctx());
    simulator.setOutage(true);
    expect((await startKyc(ctx(), patient, outagePerson.iin)).json()).toMatchObject({
      status: 'provider_unavailable',
    });
    simulator.setOutage(false);
    clock.advance(31_000);
    await app.sauda.modules.kyc.api.retryProviderCalls();
    await walkFlowRest(patient);

    // A forged webhook carrying an IIN is refused without its body reaching any log.
    const forged = JSON.stringify({
      event_id: 'e',
      event_type: 'flow.completed',
      flow_id: 'f',
      decision: { iin: verifiedPerson.iin },
    });
    track(
      await app.inject({
        method: 'POST',
        url: '/v1/kyc/provider/webhook',
        headers: {
          'content-type': 'application/json',
          'x-sauda-signature': signatureHeader('wrong', forged),
        },
        payload: forged,
      }),
    );

    // Staff looking at the evidence is fine; it still must not end up in logs.
    const officer = await newComplianceOfficer(ctx());
    const evidence = await call(ctx(), officer, 'GET', `/v1/admin/kyc/cases/${queued.caseId}`);
    expect(evidence.json()).toMatchObject({ iin: verifiedPerson.iin });
    const export_ = await call(
      ctx(),
      officer,
      'GET',
      '/v1/admin/kyc/journal/export?from=2020-01-01&to=2020-12-31&format=csv',
    );
    expect(export_.statusCode).toBe(200);

    // The scan itself must find what is there: the masked IIN is stored in clear on purpose.
    const control = `${verifiedPerson.iin.slice(0, 6)}******`;
    const { hits, columns } = await databaseHits([...iins, control]);
    expect(columns).toBeGreaterThan(50);
    expect(hits.filter((hit) => hit.iin !== control)).toEqual([]);
    expect(hits.map((hit) => hit.where)).toEqual(
      expect.arrayContaining(['kyc.cases.iin_masked', 'kyc.journal.masked_iin']),
    );

    expect(logs.length).toBeGreaterThan(100);
    expect(logs.some((line) => line.includes('KYC provider call failed'))).toBe(true);
    for (const iin of iins) expect(logs.filter((line) => line.includes(iin))).toEqual([]);

    expect(errorBodies.length).toBeGreaterThanOrEqual(4);
    for (const iin of iins) expect(errorBodies.filter((body) => body.includes(iin))).toEqual([]);

    const files = filesUnder(documentsDir);
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const iin of iins) expect(bytes.includes(Buffer.from(iin))).toBe(false);
      expect(bytes.includes(Buffer.from('id-card-front'))).toBe(false);
      expect(bytes.subarray(0, 4).toString()).toBe('KYC1');
    }
    const masked = await ctx().database.db.execute<{ count: string }>(
      sql`SELECT count(*) AS count FROM kyc.journal WHERE masked_iin = '900101******'`,
    );
    expect(Number(masked.rows[0]?.count)).toBeGreaterThan(5);
  });

  it('purges personal data and images once the retention after account closure is over', async () => {
    const { app, clock, documentsDir, database } = ctx();
    const user = await newUser(ctx());
    await walkFlow(ctx(), user, personNamed('Сапарова').iin);
    const { caseId } = await statusEventually(ctx(), user, 'verified');
    const filesBefore = filesUnder(join(documentsDir, caseId!));
    expect(filesBefore).toHaveLength(3);

    const deletion = await call(ctx(), user, 'POST', '/v1/me/deletion', { password: DEFAULT_PASSWORD });
    expect(deletion.statusCode, deletion.body).toBe(202);
    clock.advance(31 * DAY);
    expect(await app.sauda.modules.identity.api.eraseDueAccounts()).toBeGreaterThanOrEqual(1);
    await deliverPendingEvents(
      database.db,
      app.sauda.modules.list.flatMap((module) => module.handlers ?? []),
    );
    expect(await app.sauda.modules.kyc.api.purgeExpiredPersonalData()).toBe(0); // closed, retention not over
    clock.advance((RETENTION_DAYS + 1) * DAY);
    expect(await app.sauda.modules.kyc.api.purgeExpiredPersonalData()).toBeGreaterThanOrEqual(1);
    expect(await app.sauda.modules.kyc.api.purgeExpiredPersonalData()).toBe(0);

    const { rows } = await database.db.execute(
      sql`SELECT iin_ciphertext, iin_index, recognised_ciphertext, person_ciphertext, purged_at, iin_masked, status
          FROM kyc.cases WHERE id = ${caseId}`,
    );
    expect(rows[0]).toMatchObject({
      iin_ciphertext: null,
      iin_index: null,
      recognised_ciphertext: null,
      person_ciphertext: null,
      iin_masked: `${personNamed('Сапарова').iin.slice(0, 6)}******`,
      status: 'verified',
    });
    expect(rows[0]?.purged_at).not.toBeNull();
    expect(filesBefore.some((file) => existsSync(file))).toBe(false);
    const keys = await database.db.execute<{ count: string }>(
      sql`SELECT count(*) AS count FROM kyc.documents WHERE case_id = ${caseId} AND key_ciphertext IS NOT NULL`,
    );
    expect(Number(keys.rows[0]?.count)).toBe(0);

    const officer = await newComplianceOfficer(ctx());
    const evidence = (await call(ctx(), officer, 'GET', `/v1/admin/kyc/cases/${caseId}`)).json<{
      iin: string | null;
      documents: { documentId: string; available: boolean }[];
      history: { operation: string }[];
    }>();
    expect(evidence.iin).toBeNull();
    expect(evidence.documents.every((document) => !document.available)).toBe(true);
    expect(evidence.history.map((entry) => entry.operation)).toContain('personal-data-purged');
    const image = await call(
      ctx(),
      officer,
      'GET',
      `/v1/admin/kyc/cases/${caseId}/documents/${evidence.documents[0]!.documentId}`,
    );
    expect(image.json()).toMatchObject({ code: 'KYC_DOCUMENT_NOT_FOUND', status: 404 });
    expect(await app.sauda.modules.kyc.api.verifyJournal()).toMatchObject({ ok: true });
  });

  it('verifies and exports the journal from the command line, and names a tampered entry', async () => {
    const CLI = fileURLToPath(new URL('../src/cli/sauda.ts', import.meta.url));
    const key = Buffer.alloc(32, 7).toString('base64');
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], {
          env: {
            PATH: process.env.PATH ?? '',
            NODE_ENV: 'test',
            LOG_LEVEL: 'warn',
            DATABASE_URL: ctx().database.url,
            SAUDA_ENCRYPTION_KEYS: `cli:${key}`,
            SAUDA_BLIND_INDEX_KEY: key,
            ...KYC_SECRETS,
          },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => {
          resolve({ code, stdout, stderr });
        });
      });
    const intact = await run(['kyc', 'journal', 'verify']);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/^kyc journal intact: \d+ entries, head [0-9a-f]{64}$/m);

    const out = join(mkdtempSync(join(tmpdir(), 'kyc-export-')), 'journal.pdf');
    // Entries carry the test's clock, which the retention test moved weeks ahead.
    const almatyDay = (instant: number) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Almaty' }).format(instant);
    const today = almatyDay(ctx().clock.now().getTime());
    const from = almatyDay(ctx().clock.now().getTime() - 90 * DAY);
    const exported = await run([
      'kyc',
      'journal',
      'export',
      '--from',
      from,
      '--to',
      today,
      '--format',
      'pdf',
      '--locale',
      'kk',
      '--out',
      out,
    ]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^\d+ entries written to /);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const badRange = await run([
      'kyc',
      'journal',
      'export',
      '--from',
      '2026-02-30',
      '--to',
      today,
      '--out',
      out,
    ]);
    expect(badRange.code).toBe(2);
    expect(badRange.stderr).toMatch(/export period is not valid/);

    const client = await ctx().database.pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      await client.query(`UPDATE kyc.journal SET result = 'approved' WHERE seq = 3`);
    } finally {
      await client.query('SET session_replication_role = origin');
      client.release();
    }
    const broken = await run(['kyc', 'journal', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /^kyc journal BROKEN: entry #3 \(kjr_[0-9a-z]+\) was edited; 2 entries before it verified$/m,
    );
  });
});

async function walkFlowRest(user: Awaited<ReturnType<typeof newUser>>): Promise<void> {
  expect(await kycStatus(ctx(), user)).toMatchObject({ status: 'awaiting_document' });
  const document = await call(ctx(), user, 'POST', '/v1/kyc/document', {
    documentType: 'passport',
    pages: [
      {
        side: 'main',
        contentType: 'image/jpeg',
        data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]).toString('base64'),
      },
    ],
  });
  expect(document.json()).toMatchObject({ status: 'awaiting_liveness' });
}
