import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Encryptor } from '@sauda/platform';
import { openImage, sealImage, sniffImageType } from './document-encryption.ts';
import { localDiskStorage } from './document-storage.ts';
import { decodeImage, loadImage, storeImages } from './document-vault.ts';

const key = () => ({ id: 'k1', key: randomBytes(32) });
const encryptorWith = (keys: { id: string; key: Buffer }[], active: string) =>
  new Encryptor({ keys, activeKeyId: active, blindIndexKey: randomBytes(32) });
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('ИИН 900101300017'),
]);

describe('document images', () => {
  it('are written encrypted, read back, and bound to their document id', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kyc-docs-'));
    const k1 = key();
    const ctx = { encryptor: encryptorWith([k1], 'k1'), storage: localDiskStorage(root) };
    const [row] = await storeImages(
      ctx,
      'kyc_case1',
      [{ side: 'main', contentType: 'image/png', bytes: png }],
      new Date(),
    );
    expect(row).toMatchObject({ caseId: 'kyc_case1', side: 'main', sizeBytes: png.length });
    const files = readdirSync(join(root, 'kyc_case1'));
    expect(files).toEqual([`${row!.id}.bin`]);
    const onDisk = readFileSync(join(root, 'kyc_case1', files[0]!));
    expect(onDisk.includes(png)).toBe(false);
    expect(onDisk.includes(Buffer.from('900101300017'))).toBe(false);

    const document = {
      ...row!,
      keyCiphertext: row!.keyCiphertext ?? null,
      sentToProviderAt: null,
      purgedAt: null,
      createdAt: new Date(),
    };
    expect((await loadImage(ctx, document)).bytes.equals(png)).toBe(true);
    expect(() => openImage(ctx.encryptor, 'kdoc_other', row!.keyCiphertext!, onDisk)).toThrow();

    // After a key rotation the re-wrapped file key still opens the unchanged file.
    const k2 = { id: 'k2', key: randomBytes(32) };
    const rotated = encryptorWith([k1, k2], 'k2');
    const rewrapped = rotated.rewrap(row!.keyCiphertext!);
    expect(rotated.keyIdOf(rewrapped)).toBe('k2');
    expect(openImage(encryptorWith([k2], 'k2'), row!.id, rewrapped, onDisk).equals(png)).toBe(true);

    // Without the wrapped key (purged) the image is gone even though the file may survive.
    await expect(loadImage(ctx, { ...document, keyCiphertext: null })).rejects.toMatchObject({
      code: 'KYC_DOCUMENT_NOT_FOUND',
    });
    await ctx.storage.delete(row!.storageKey);
    await ctx.storage.delete(row!.storageKey);
    await expect(loadImage(ctx, document)).rejects.toMatchObject({ code: 'KYC_DOCUMENT_NOT_FOUND' });
  });

  it('refuses storage keys that could leave the directory', async () => {
    const storage = localDiskStorage(mkdtempSync(join(tmpdir(), 'kyc-docs-')));
    await expect(storage.put('../escape.bin', Buffer.from('x'))).rejects.toThrow(
      'invalid document storage key',
    );
    await expect(storage.get('/etc/passwd')).rejects.toThrow('invalid document storage key');
  });

  it('accepts only real JPEG or PNG bytes of the claimed type and size', () => {
    const { sealed } = sealImage(encryptorWith([key()], 'k1'), 'kdoc_x', png);
    expect(sniffImageType(png)).toBe('image/png');
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffImageType(sealed)).toBeUndefined();
    expect(decodeImage(png.toString('base64'), 'image/png').bytes.equals(png)).toBe(true);
    expect(() => decodeImage(png.toString('base64'), 'image/jpeg')).toThrow(
      expect.objectContaining({ code: 'KYC_IMAGE_INVALID' }),
    );
    expect(() => decodeImage('not base64!', 'image/png')).toThrow(
      expect.objectContaining({ code: 'KYC_IMAGE_INVALID' }),
    );
    expect(() => decodeImage('', 'image/png')).toThrow(
      expect.objectContaining({ code: 'KYC_IMAGE_INVALID' }),
    );
    const huge = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
    expect(() => decodeImage(huge.toString('base64'), 'image/png')).toThrow(
      expect.objectContaining({ code: 'KYC_IMAGE_INVALID' }),
    );
  });
});
