import {
  newId,
  systemClock,
  type Clock,
  type Db,
  type Executor,
  type RequestContext,
  type SaudaModule,
} from '@sauda/platform';
import { ChainVerifier, entryHash, GENESIS_HASH, type ChainProblem } from './audit-chain.ts';
import { appendEntry, findEntries, readChain, type EntryFilter } from './audit.repository.ts';
import type { EntryRow } from './audit.tables.ts';

export interface AuditInput {
  /** `usr_…` for a person, `system:<component>` for automated actions, `cli:<command>` for the CLI. */
  readonly actor: string;
  /** `<module>.<verb>`, e.g. `identity.role-granted`. */
  readonly action: string;
  readonly entityType: string;
  readonly entityId?: string | undefined;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly context?: RequestContext | undefined;
}

export type AuditEntry = Omit<EntryRow, 'prevHash' | 'hash'>;

export type VerifyResult =
  | { readonly ok: true; readonly count: number; readonly head: string }
  | { readonly ok: false; readonly count: number; readonly problem: ChainProblem };

export interface AuditApi {
  /** Appends an entry; pass the transaction of the change being audited so both commit or neither. */
  record(executor: Executor, input: AuditInput): Promise<AuditEntry>;
  list(filter: EntryFilter): Promise<AuditEntry[]>;
  verify(): Promise<VerifyResult>;
}

const toJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

export function createAuditModule(deps: { db: Db; clock?: Clock }): SaudaModule<AuditApi> {
  const clock = deps.clock ?? systemClock;
  const strip = ({ prevHash: _prev, hash: _hash, ...entry }: EntryRow): AuditEntry => entry;
  const api: AuditApi = {
    async record(executor, input) {
      const row = await appendEntry(executor, ({ seq, hash }) => {
        const entry = {
          seq,
          id: newId('aud'),
          occurredAt: clock.now(),
          actor: input.actor,
          action: input.action,
          entityType: input.entityType,
          entityId: input.entityId ?? null,
          before: toJson(input.before),
          after: toJson(input.after),
          ip: input.context?.ip ?? null,
          userAgent: input.context?.userAgent?.slice(0, 512) ?? null,
          requestId: input.context?.requestId ?? null,
          prevHash: hash ?? GENESIS_HASH,
        };
        return { ...entry, hash: entryHash(entry) };
      });
      return strip(row);
    },
    async list(filter) {
      return (await findEntries(deps.db, filter)).map(strip);
    },
    async verify() {
      const verifier = new ChainVerifier();
      for await (const row of readChain(deps.db)) {
        const problem = verifier.next(row);
        if (problem) return { ok: false, count: verifier.count, problem };
      }
      return { ok: true, count: verifier.count, head: verifier.head };
    },
  };
  return { name: 'audit', api };
}
