import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config, EncryptionKey } from './config.ts';

/**
 * Envelope encryption for personal data at rest. Each value gets its own AES-256-GCM data key;
 * the data key is wrapped by a key-encryption key (KEK) from config, and the KEK's id travels with
 * the ciphertext, so KEKs rotate by re-wrapping data keys without touching the data itself.
 *
 * Format: `v1.<kekId>.<wrapped data key>.<iv>.<ciphertext+tag>` (base64url parts).
 * An optional context (e.g. the owning row's id) is bound as associated data, so a ciphertext
 * copied onto another row fails to decrypt.
 */
const VERSION = 'v1';

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function open(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < 28) throw new DecryptionError('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
  } catch (error) {
    throw new DecryptionError('ciphertext failed authentication', { cause: error });
  }
}

export class Encryptor {
  readonly #keys: Map<string, EncryptionKey>;
  readonly #active: EncryptionKey;
  readonly #blindIndexKey: Buffer;

  constructor(crypto: Config['crypto']) {
    this.#keys = new Map(crypto.keys.map((key) => [key.id, key]));
    const active = this.#keys.get(crypto.activeKeyId);
    if (!active) throw new Error(`Active encryption key ${crypto.activeKeyId} is not configured`);
    this.#active = active;
    this.#blindIndexKey = crypto.blindIndexKey;
  }

  get activeKeyId(): string {
    return this.#active.id;
  }

  encrypt(plaintext: string, context = ''): string {
    const dataKey = randomBytes(32);
    const wrapped = seal(this.#active.key, dataKey, Buffer.from(`kek:${this.#active.id}`));
    const body = seal(dataKey, Buffer.from(plaintext, 'utf8'), Buffer.from(context));
    return [VERSION, this.#active.id, wrapped.toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(token: string, context = ''): string {
    const { dataKey, body } = this.#unwrap(token);
    return open(dataKey, body, Buffer.from(context)).toString('utf8');
  }

  /** Re-wraps the data key under the active KEK; the encrypted body is carried over unchanged. */
  rewrap(token: string): string {
    const { kek, dataKey, body } = this.#unwrap(token);
    if (kek === this.#active.id) return token;
    const wrapped = seal(this.#active.key, dataKey, Buffer.from(`kek:${this.#active.id}`));
    return [VERSION, this.#active.id, wrapped.toString('base64url'), body.toString('base64url')].join('.');
  }

  keyIdOf(token: string): string {
    return this.#parse(token).kek;
  }

  /**
   * Deterministic keyed hash for equality lookups on an encrypted field (e.g. "is this IIN
   * already verified?") without storing the value in clear. Normalise before calling.
   */
  blindIndex(value: string, purpose: string): string {
    return createHmac('sha256', this.#blindIndexKey).update(`${purpose}\u0000${value}`).digest('base64url');
  }

  static sameIndex(a: string, b: string): boolean {
    const left = Buffer.from(a);
    const right = Buffer.from(b);
    return left.length === right.length && timingSafeEqual(left, right);
  }

  #parse(token: string): { kek: string; wrapped: Buffer; body: Buffer } {
    const parts = token.split('.');
    const [version, kek, wrapped, body] = parts;
    if (parts.length !== 4 || version !== VERSION || !kek || !wrapped || !body) {
      throw new DecryptionError('not an encrypted value of a known format');
    }
    return { kek, wrapped: Buffer.from(wrapped, 'base64url'), body: Buffer.from(body, 'base64url') };
  }

  #unwrap(token: string): { kek: string; dataKey: Buffer; body: Buffer } {
    const { kek, wrapped, body } = this.#parse(token);
    const key = this.#keys.get(kek);
    if (!key) throw new DecryptionError(`encryption key ${kek} is not configured`);
    return { kek, dataKey: open(key.key, wrapped, Buffer.from(`kek:${kek}`)), body };
  }
}

/** A column holding Encryptor tokens, registered by its module so `sauda keys rotate` can re-wrap it. */
export interface EncryptedColumn {
  readonly schema: string;
  readonly table: string;
  readonly idColumn: string;
  readonly column: string;
}
