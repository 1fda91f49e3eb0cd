import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, newId, sql } from '@sauda/platform';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { createLedgerModule, type LedgerApi, type TransferInput } from './index.ts';

/**
 * kill -9 of the process writing to the ledger in the middle of a load, then a restarted writer
 * replays every planned request with its original ids: whatever was acknowledged before the crash
 * comes back identical, nothing is applied twice, the invariants hold and verify passes.
 */
const REQUESTS = 1500;
const KILL_AFTER_ACKS = 300;

interface Planned {
  readonly linked: boolean;
  readonly items: readonly (TransferInput & { amount: string })[];
}

type Answer = { ok: true; amounts: string[] } | { ok: false; code: string };

let database: TestDatabase;
let workdir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  workdir = mkdtempSync(join(tmpdir(), 'sauda-ledger-crash-'));
});
afterAll(async () => {
  rmSync(workdir, { recursive: true, force: true });
  await database.close();
});

/** A seeded generator, so a failure can be reproduced from the same plan. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function plan(ledger: LedgerApi): Promise<Planned[]> {
  const owner = newId('usr');
  const mint = await ledger.createAccount({ asset: 'KZT', owner, code: 'mint' });
  const fees = await ledger.createAccount({ asset: 'KZT', owner: 'platform:fees', code: 'fees' });
  const wallets = await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      ledger.createAccount({
        asset: 'KZT',
        owner,
        code: `wallet-${index}`,
        debitsMustNotExceedCredits: true,
      }),
    ),
  );
  const next = random(20_260_101);
  const wallet = (): string => wallets[Math.floor(next() * wallets.length)]?.id ?? '';
  const amount = (max: number): string => String(1 + Math.floor(next() * max));
  const requests: Planned[] = wallets.map((target) => ({
    linked: false,
    items: [
      {
        id: newId('trf'),
        debitAccountId: mint.id,
        creditAccountId: target.id,
        amount: '5000',
        code: 'funding',
      },
    ],
  }));
  while (requests.length < REQUESTS) {
    const from = wallet();
    let to = wallet();
    while (to === from) to = wallet();
    const id = newId('trf');
    if (next() < 0.3) {
      requests.push({
        linked: true,
        items: [
          { id, debitAccountId: from, creditAccountId: to, amount: amount(400), code: 'payment' },
          {
            id: `${id}-fee`,
            debitAccountId: from,
            creditAccountId: fees.id,
            amount: amount(40),
            code: 'fee',
          },
        ],
      });
    } else {
      requests.push({
        linked: false,
        items: [{ id, debitAccountId: from, creditAccountId: to, amount: amount(600), code: 'payment' }],
      });
    }
  }
  return requests;
}

/** Runs the child until it has acknowledged enough requests, then kills it with SIGKILL. */
async function loadAndCrash(planFile: string): Promise<Map<number, Answer>> {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('../test/crash-child.ts', import.meta.url)), planFile],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const acknowledged = new Map<number, Answer>();
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => {
    child.once('exit', (_code, signal) => {
      resolve(signal);
    });
  });
  for await (const line of createInterface({ input: child.stdout })) {
    const { index, ...answer } = JSON.parse(line) as { index: number } & Answer;
    acknowledged.set(index, answer);
    if (acknowledged.size === KILL_AFTER_ACKS) child.kill('SIGKILL');
  }
  const signal = await exited;
  expect({ signal, errors }).toEqual({ signal: 'SIGKILL', errors: '' });
  return acknowledged;
}

async function replay(ledger: LedgerApi, request: Planned): Promise<Answer> {
  const [first] = request.items;
  if (!first) throw new Error('empty planned request');
  try {
    const transfers = request.linked
      ? await ledger.createLinkedTransfers(
          request.items.map((item) => ({ ...item, type: 'transfer' as const })),
        )
      : [await ledger.createTransfer(first)];
    return { ok: true, amounts: transfers.map((transfer) => transfer.amount.toString()) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    throw error;
  }
}

describe('crash', () => {
  it('loses nothing acknowledged and applies nothing twice across a kill -9', async () => {
    const ledger = createLedgerModule({ db: database.db }).api;
    const requests = await plan(ledger);
    const planFile = join(workdir, 'plan.json');
    writeFileSync(planFile, JSON.stringify({ url: database.url, requests }));

    const acknowledged = await loadAndCrash(planFile);
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acknowledged.size).toBeLessThan(REQUESTS);

    // The restarted writer: a fresh module instance replays everything, eight callers at a time.
    const restarted = createLedgerModule({ db: database.db }).api;
    const answers = new Map<number, Answer>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let index = next; index < requests.length; index = next) {
          next += 1;
          const request = requests[index];
          if (request) answers.set(index, await replay(restarted, request));
        }
      }),
    );
    for (const [index, answer] of acknowledged)
      expect({ index, ...answers.get(index) }).toEqual({ index, ...answer });

    // A second full replay changes nothing: every request now answers from its idempotency claim.
    const before = await database.db.execute<{ count: string }>(
      sql`SELECT count(*) AS count FROM ledger.transfers`,
    );
    for (const [index, request] of requests.entries()) {
      expect({ index, ...(await replay(restarted, request)) }).toEqual({ index, ...answers.get(index) });
    }
    const after = await database.db.execute<{ count: string }>(
      sql`SELECT count(*) AS count FROM ledger.transfers`,
    );
    expect(after.rows[0]?.count).toBe(before.rows[0]?.count);

    const ids = requests.flatMap((request) => request.items.map((item) => item.id));
    const appliedIds = requests.flatMap((request, index) =>
      answers.get(index)?.ok ? request.items.map((item) => item.id) : [],
    );
    const { rows } = await database.db.execute<{ id: string }>(
      sql`SELECT id FROM ledger.transfers WHERE id = ANY(${sql.param(ids)}::text[])`,
    );
    expect(rows.map((row) => row.id).sort()).toEqual([...appliedIds].sort());

    const { rows: broken } = await database.db.execute(sql`
      SELECT asset FROM ledger.accounts GROUP BY asset HAVING sum(debits_posted) <> sum(credits_posted)
      UNION ALL
      SELECT id FROM ledger.accounts
      WHERE debits_must_not_exceed_credits AND debits_posted + debits_pending > credits_posted`);
    expect(broken).toEqual([]);
    const report = await restarted.verify();
    expect(report.problems).toEqual([]);
  }, 120_000);
});
