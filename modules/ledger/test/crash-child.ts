/**
 * The "server" of the crash test (src/crash.test.ts): submits a planned load through the ledger's
 * group commit with 8 concurrent callers and prints one line per request once the ledger has
 * answered it, which is what "acknowledged" means. The test kills it with SIGKILL mid-load.
 *
 *   node modules/ledger/test/crash-child.ts <plan.json>
 */
import { readFileSync } from 'node:fs';
import { AppError, createPool, drizzleFor } from '@sauda/platform';
import { createLedgerModule, type TransferInput } from '../src/index.ts';

interface Plan {
  readonly url: string;
  readonly requests: readonly { readonly linked: boolean; readonly items: readonly TransferInput[] }[];
}

const planPath = process.argv[2];
if (!planPath) throw new Error('usage: crash-child.ts <plan.json>');
const plan = JSON.parse(readFileSync(planPath, 'utf8')) as Plan;
const pool = createPool(plan.url, { max: 8, statementTimeoutMs: 30_000 });
const ledger = createLedgerModule({ db: drizzleFor(pool) }).api;

let next = 0;
async function caller(): Promise<void> {
  for (let index = next; index < plan.requests.length; index = next) {
    next += 1;
    const request = plan.requests[index];
    const [first] = request?.items ?? [];
    if (!request || !first) continue;
    let line: string;
    try {
      const transfers = request.linked
        ? await ledger.createLinkedTransfers(
            request.items.map((item) => ({ ...item, type: 'transfer' as const })),
          )
        : [await ledger.createTransfer(first)];
      line = JSON.stringify({
        index,
        ok: true,
        amounts: transfers.map((transfer) => transfer.amount.toString()),
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      line = JSON.stringify({ index, ok: false, code: error.code });
    }
    // Writes to a pipe are synchronous on Linux: the line is out before the next request starts.
    process.stdout.write(`${line}\n`);
  }
}

await Promise.all(Array.from({ length: 8 }, () => caller()));
await pool.end();
