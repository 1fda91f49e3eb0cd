import { createHash } from 'node:crypto';
import { AppError } from '@sauda/platform';
import { toMinorUnits } from './amounts.ts';
import { LedgerErrors } from './ledger.errors.ts';
import { canonicalJson } from './canonical-json.ts';

/** Flat string fields only: they hash the same after a round trip through jsonb and filter with @>. */
export type Metadata = Readonly<Record<string, string>>;

/** A movement between two accounts: posted at once, or held as pending when `pending` is set. */
export interface TransferInput {
  /** Chosen by the client and kept forever: the idempotency key of this transfer. */
  readonly id: string;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  /** Minor units as a bigint, or as the JSON string form ("200000"). */
  readonly amount: bigint | string;
  /** What the movement is for: reward, fee, tax, payout, dues, booking, refund… */
  readonly code: string;
  readonly metadata?: Metadata | undefined;
}

export interface PendingTransferInput extends TransferInput {
  /** Seconds until the expiry job releases the hold; omitted means the hold never expires. */
  readonly timeoutSeconds?: number | undefined;
}

export interface PostPendingInput {
  readonly id: string;
  readonly pendingId: string;
  /** Omitted posts the whole held amount; a smaller amount posts that much and releases the rest. */
  readonly amount?: bigint | string | undefined;
  readonly metadata?: Metadata | undefined;
}

export interface VoidPendingInput {
  readonly id: string;
  readonly pendingId: string;
  readonly metadata?: Metadata | undefined;
}

export interface ReverseTransferInput {
  readonly id: string;
  /** The posted transfer to undo; the reversal moves the same amount back. */
  readonly transferId: string;
  readonly metadata?: Metadata | undefined;
}

/** One member of a linked batch, tagged with what it does. */
export type BatchItem =
  | ({ readonly type: 'transfer' } & TransferInput)
  | ({ readonly type: 'pending' } & PendingTransferInput)
  | ({ readonly type: 'post' } & PostPendingInput)
  | ({ readonly type: 'void' } & VoidPendingInput)
  | ({ readonly type: 'reverse' } & ReverseTransferInput);

/**
 * The validated, canonical form of one request: what is hashed for idempotency, stored in
 * ledger.requests and compared field by field when an id comes back with different content.
 */
export interface Command {
  readonly type: 'transfer' | 'pending' | 'post' | 'void' | 'reverse' | 'expire';
  readonly id: string;
  readonly debitAccountId: string | null;
  readonly creditAccountId: string | null;
  readonly amount: bigint | null;
  readonly code: string | null;
  readonly metadata: Metadata;
  readonly timeoutSeconds: number | null;
  /** post, void, expire: the pending transfer; reverse: the transfer undone. */
  readonly targetId: string | null;
  /** The first id of the linked batch, its size and a digest of all its ids; null when on its own. */
  readonly batchId: string | null;
  readonly batchSize: number | null;
  readonly batchDigest: string | null;
}

/** A unit of all-or-nothing work: one command, or every command of a linked batch. */
export interface LedgerRequest {
  readonly commands: readonly Command[];
}

export const MAX_BATCH = 256;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_:.-]{0,99}$/;
const CODE_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/;
const OWNER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_:.@-]{0,127}$/;
const MAX_TIMEOUT_SECONDS = 365 * 24 * 3600;
/** Ids the expiry job gives the transfers it writes; clients cannot take them. */
export const EXPIRY_PREFIX = 'expiry:';

export function checkTransferId(id: unknown): string {
  if (typeof id !== 'string' || !ID_PATTERN.test(id) || id.startsWith(EXPIRY_PREFIX)) {
    throw new AppError(LedgerErrors.LEDGER_TRANSFER_ID_INVALID, {
      params: { id: typeof id === 'string' ? id.slice(0, 120) : typeof id },
    });
  }
  return id;
}

/** An existing transfer referenced by id (it may be an expiry transfer, so the prefix is allowed). */
function checkReference(id: unknown): string {
  if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_:.-]{0,127}$/.test(id)) {
    throw new AppError(LedgerErrors.LEDGER_TRANSFER_ID_INVALID, {
      params: { id: typeof id === 'string' ? id.slice(0, 120) : typeof id },
    });
  }
  return id;
}

export function checkCode(code: unknown): string {
  if (typeof code !== 'string' || !CODE_PATTERN.test(code)) {
    throw new AppError(LedgerErrors.LEDGER_CODE_INVALID, {
      params: { code: typeof code === 'string' ? code.slice(0, 80) : typeof code },
    });
  }
  return code;
}

export function checkOwner(owner: unknown): string {
  if (typeof owner !== 'string' || !OWNER_PATTERN.test(owner)) {
    throw new AppError(LedgerErrors.LEDGER_OWNER_INVALID);
  }
  return owner;
}

export function checkAccountId(id: unknown): string {
  if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_:.-]{0,127}$/.test(id)) {
    throw new AppError(LedgerErrors.LEDGER_ACCOUNT_NOT_FOUND, {
      params: { accountId: typeof id === 'string' ? id.slice(0, 120) : typeof id },
    });
  }
  return id;
}

export function checkMetadata(metadata: unknown): Metadata {
  if (metadata === undefined) return {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new AppError(LedgerErrors.LEDGER_METADATA_INVALID);
  }
  const entries = Object.entries(metadata);
  const valid =
    entries.length <= 32 &&
    entries.every(
      ([key, value]) =>
        key.length >= 1 &&
        key.length <= 64 &&
        key.isWellFormed() &&
        typeof value === 'string' &&
        value.length <= 256 &&
        // A lone surrogate cannot be stored in jsonb nor hashed canonically.
        value.isWellFormed(),
    );
  if (!valid) throw new AppError(LedgerErrors.LEDGER_METADATA_INVALID);
  return Object.fromEntries(entries);
}

function checkTimeout(timeoutSeconds: unknown): number | null {
  if (timeoutSeconds === undefined || timeoutSeconds === null) return null;
  if (
    typeof timeoutSeconds !== 'number' ||
    !Number.isInteger(timeoutSeconds) ||
    timeoutSeconds < 1 ||
    timeoutSeconds > MAX_TIMEOUT_SECONDS
  ) {
    throw new AppError(LedgerErrors.LEDGER_TIMEOUT_INVALID);
  }
  return timeoutSeconds;
}

const blank = {
  debitAccountId: null,
  creditAccountId: null,
  amount: null,
  code: null,
  timeoutSeconds: null,
  targetId: null,
  batchId: null,
  batchSize: null,
  batchDigest: null,
} as const;

/** Validates one item; input-only checks, so a failure here writes nothing at all. */
export function toCommand(item: BatchItem): Command {
  const id = checkTransferId(item.id);
  const metadata = checkMetadata(item.metadata);
  switch (item.type) {
    case 'transfer':
    case 'pending': {
      const debitAccountId = checkAccountId(item.debitAccountId);
      const creditAccountId = checkAccountId(item.creditAccountId);
      if (debitAccountId === creditAccountId) throw new AppError(LedgerErrors.LEDGER_SAME_ACCOUNT);
      return {
        ...blank,
        type: item.type,
        id,
        debitAccountId,
        creditAccountId,
        amount: toMinorUnits(item.amount),
        code: checkCode(item.code),
        metadata,
        timeoutSeconds: item.type === 'pending' ? checkTimeout(item.timeoutSeconds) : null,
      };
    }
    case 'post':
      return {
        ...blank,
        type: 'post',
        id,
        metadata,
        targetId: checkReference(item.pendingId),
        amount: item.amount === undefined ? null : toMinorUnits(item.amount),
      };
    case 'void':
      return { ...blank, type: 'void', id, metadata, targetId: checkReference(item.pendingId) };
    case 'reverse':
      return { ...blank, type: 'reverse', id, metadata, targetId: checkReference(item.transferId) };
  }
}

/** Validates a linked batch and stamps every member with the batch it belongs to. */
export function toLinkedRequest(items: readonly BatchItem[]): LedgerRequest {
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH) {
    throw new AppError(LedgerErrors.LEDGER_BATCH_INVALID, { params: { max: MAX_BATCH } });
  }
  const commands = items.map(toCommand);
  if (new Set(commands.map((command) => command.id)).size !== commands.length) {
    throw new AppError(LedgerErrors.LEDGER_BATCH_INVALID, { params: { max: MAX_BATCH } });
  }
  const batchId = commands[0]?.id ?? null;
  const batchDigest = createHash('sha256')
    .update(commands.map((command) => command.id).join('\n'))
    .digest('hex');
  return {
    commands: commands.map((command) => ({ ...command, batchId, batchSize: commands.length, batchDigest })),
  };
}

/** The expiry job's command: its id is derived from the hold, so two job runs cannot expire it twice. */
export function expiryCommand(pendingId: string): Command {
  return { ...blank, type: 'expire', id: `${EXPIRY_PREFIX}${pendingId}`, metadata: {}, targetId: pendingId };
}

/** The stored (JSON) form: amounts as strings, every field present, so hashes are stable. */
export function commandJson(command: Command): Record<string, unknown> {
  return { ...command, amount: command.amount === null ? null : command.amount.toString() };
}

export function commandFromJson(json: Record<string, unknown>): Command {
  const amount = json.amount;
  return { ...(json as unknown as Command), amount: typeof amount === 'string' ? BigInt(amount) : null };
}

export function requestHash(command: Command): string {
  return createHash('sha256')
    .update(canonicalJson(commandJson(command)))
    .digest('hex');
}

const FIELD_NAMES: Readonly<Record<keyof Command, string>> = {
  type: 'type',
  id: 'id',
  debitAccountId: 'debitAccountId',
  creditAccountId: 'creditAccountId',
  amount: 'amount',
  code: 'code',
  metadata: 'metadata',
  timeoutSeconds: 'timeoutSeconds',
  targetId: 'pendingId',
  batchId: 'linked',
  batchSize: 'linked',
  batchDigest: 'linked',
};

/** The first field in which a replayed command differs from the stored one, as the client names it. */
export function differingField(stored: Command, replay: Command): string | undefined {
  for (const key of Object.keys(FIELD_NAMES) as (keyof Command)[]) {
    const same =
      key === 'metadata'
        ? canonicalJson(stored.metadata) === canonicalJson(replay.metadata)
        : stored[key] === replay[key];
    if (!same) return key === 'targetId' && stored.type === 'reverse' ? 'transferId' : FIELD_NAMES[key];
  }
  return undefined;
}
