import type { BlockList } from 'node:net';
import type { Db, Encryptor } from '@sauda/platform';
import type { NetworkKind, NetworkRow, ParameterMapping, StatusMapping } from './conversions.tables.ts';
import { networks } from './conversions.tables.ts';
import { addressList } from './network-settings.ts';

/** A network as the report path needs it: secrets decrypted, the allow-list compiled. */
export interface NetworkSettings {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly kind: NetworkKind;
  readonly secret: string;
  readonly ipAllowlist: readonly string[];
  readonly addresses: BlockList;
  readonly mapping: ParameterMapping;
  readonly statusMapping: StatusMapping;
  readonly defaultCurrency: string;
  readonly partnerId: string | null;
  readonly publishableKey: string | null;
  readonly allowedOrigins: readonly string[];
  readonly polling: { readonly url: string; readonly token: string; readonly enabled: boolean } | undefined;
  readonly polledUntil: Date | null;
  readonly active: boolean;
}

export const secretContext = (networkId: string): string => `conversions.network-secret:${networkId}`;
export const pollingTokenContext = (networkId: string): string => `conversions.polling-token:${networkId}`;

/**
 * Every network in memory, reloaded when older than a few seconds: a report must not cost a
 * database read and two decryptions before it is even stored. A change made on this instance is
 * visible at once (`invalidate`); one made on another instance within the refresh interval.
 */
export class NetworkDirectory {
  readonly #db: Db;
  readonly #encryptor: Encryptor;
  readonly #ttlMs: number;
  #loadedAt = -Infinity;
  #loading: Promise<void> | undefined;
  #byKey = new Map<string, NetworkSettings>();
  #byId = new Map<string, NetworkSettings>();
  #byPublishableKey = new Map<string, NetworkSettings>();

  constructor(db: Db, encryptor: Encryptor, ttlMs = 5_000) {
    this.#db = db;
    this.#encryptor = encryptor;
    this.#ttlMs = ttlMs;
  }

  async byKey(key: string): Promise<NetworkSettings | undefined> {
    await this.#fresh();
    return this.#byKey.get(key);
  }

  /** Reloads on a miss: another instance may have created the network a moment ago. */
  async byId(id: string): Promise<NetworkSettings | undefined> {
    await this.#fresh();
    const known = this.#byId.get(id);
    if (known) return known;
    await this.#reload();
    return this.#byId.get(id);
  }

  async byPublishableKey(publishableKey: string): Promise<NetworkSettings | undefined> {
    await this.#fresh();
    return this.#byPublishableKey.get(publishableKey);
  }

  async all(): Promise<NetworkSettings[]> {
    await this.#fresh();
    return [...this.#byId.values()];
  }

  invalidate(): void {
    this.#loadedAt = -Infinity;
  }

  async #fresh(): Promise<void> {
    if (performance.now() - this.#loadedAt < this.#ttlMs) return;
    await this.#reload();
  }

  async #reload(): Promise<void> {
    this.#loading ??= this.#load().finally(() => {
      this.#loading = undefined;
    });
    await this.#loading;
  }

  async #load(): Promise<void> {
    const startedAt = performance.now();
    const rows = await this.#db.select().from(networks);
    const settings = rows.map((row) => this.#settingsOf(row));
    this.#byKey = new Map(settings.map((network) => [network.key, network]));
    this.#byId = new Map(settings.map((network) => [network.id, network]));
    this.#byPublishableKey = new Map(
      settings.flatMap((network) => (network.publishableKey ? [[network.publishableKey, network]] : [])),
    );
    this.#loadedAt = startedAt;
  }

  #settingsOf(row: NetworkRow): NetworkSettings {
    const secret = this.#encryptor.decrypt(row.secretCiphertext, secretContext(row.id));
    const token = row.pollingTokenCiphertext
      ? this.#encryptor.decrypt(row.pollingTokenCiphertext, pollingTokenContext(row.id))
      : secret;
    return {
      id: row.id,
      key: row.key,
      name: row.name,
      kind: row.kind,
      secret,
      ipAllowlist: row.ipAllowlist,
      addresses: addressList(row.ipAllowlist),
      mapping: row.parameterMapping,
      statusMapping: row.statusMapping,
      defaultCurrency: row.defaultCurrency,
      partnerId: row.partnerId,
      publishableKey: row.publishableKey,
      allowedOrigins: row.allowedOrigins,
      polling: row.pollingUrl ? { url: row.pollingUrl, token, enabled: row.pollingEnabled } : undefined,
      polledUntil: row.polledUntil,
      active: row.active,
    };
  }
}
