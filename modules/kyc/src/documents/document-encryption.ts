import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptionError, type Encryptor } from '@sauda/platform';

/**
 * Image bytes are encrypted with a fresh AES-256-GCM data key per file; the data key is wrapped by
 * the Encryptor and kept in `kyc.documents.key_ciphertext`. So `sauda keys rotate` re-wraps file
 * keys like any encrypted column without rewriting files, and deleting the wrapped key makes the
 * file (and any backup copy of it) unreadable.
 *
 * File format: `KYC1` | 12-byte IV | ciphertext | 16-byte tag; the document id is the AAD.
 */
const MAGIC = Buffer.from('KYC1');

const keyContext = (documentId: string): string => `${documentId}:file-key`;

export function sealImage(
  encryptor: Encryptor,
  documentId: string,
  bytes: Buffer,
): { keyCiphertext: string; sealed: Buffer } {
  const dataKey = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(Buffer.from(documentId));
  const sealed = Buffer.concat([MAGIC, iv, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
  return { keyCiphertext: encryptor.encrypt(dataKey.toString('base64'), keyContext(documentId)), sealed };
}

export function openImage(
  encryptor: Encryptor,
  documentId: string,
  keyCiphertext: string,
  sealed: Buffer,
): Buffer {
  if (sealed.length < MAGIC.length + 28 || !sealed.subarray(0, MAGIC.length).equals(MAGIC))
    throw new DecryptionError('not an encrypted KYC document');
  const dataKey = Buffer.from(encryptor.decrypt(keyCiphertext, keyContext(documentId)), 'base64');
  const iv = sealed.subarray(MAGIC.length, MAGIC.length + 12);
  const decipher = createDecipheriv('aes-256-gcm', dataKey, iv);
  decipher.setAAD(Buffer.from(documentId));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(MAGIC.length + 12, sealed.length - 16)),
      decipher.final(),
    ]);
  } catch (error) {
    throw new DecryptionError('document failed authentication', { cause: error });
  }
}

const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The content type the bytes really have (by signature), whatever the client claimed. */
export function sniffImageType(bytes: Buffer): 'image/jpeg' | 'image/png' | undefined {
  if (bytes.subarray(0, JPEG.length).equals(JPEG)) return 'image/jpeg';
  if (bytes.subarray(0, PNG.length).equals(PNG)) return 'image/png';
  return undefined;
}
