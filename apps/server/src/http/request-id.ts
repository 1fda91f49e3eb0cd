import { randomFillSync } from 'node:crypto';

/**
 * A new request id in the format of `newId('req')` (a TypeID: `req_` + a UUIDv7 in Crockford
 * base32), made without the typeid and uuid libraries: every request gets one, including those the
 * redirect fast path answers in a few microseconds, and the libraries' objects cost more than that.
 * Random bytes come from a pool refilled in blocks. Ids of one millisecond are not ordered among
 * themselves, which nothing needs of a request id.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const IDS_PER_FILL = 256;
const pool = Buffer.alloc(16 * IDS_PER_FILL);
let offset = pool.length;

const char = (value: number): string => ALPHABET.charAt(value & 31);

export function newRequestId(now = Date.now()): string {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const b = pool.subarray(offset, offset + 16);
  offset += 16;
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f); // version 7
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f); // RFC 9562 variant
  const at = (index: number): number => b[index] ?? 0;
  // 128 bits as 26 five-bit digits, the first holding the top 3 bits (TypeID's encoding).
  return (
    'req_' +
    char(at(0) >> 5) +
    char(at(0)) +
    char(at(1) >> 3) +
    char((at(1) << 2) | (at(2) >> 6)) +
    char(at(2) >> 1) +
    char((at(2) << 4) | (at(3) >> 4)) +
    char((at(3) << 1) | (at(4) >> 7)) +
    char(at(4) >> 2) +
    char((at(4) << 3) | (at(5) >> 5)) +
    char(at(5)) +
    char(at(6) >> 3) +
    char((at(6) << 2) | (at(7) >> 6)) +
    char(at(7) >> 1) +
    char((at(7) << 4) | (at(8) >> 4)) +
    char((at(8) << 1) | (at(9) >> 7)) +
    char(at(9) >> 2) +
    char((at(9) << 3) | (at(10) >> 5)) +
    char(at(10)) +
    char(at(11) >> 3) +
    char((at(11) << 2) | (at(12) >> 6)) +
    char(at(12) >> 1) +
    char((at(12) << 4) | (at(13) >> 4)) +
    char((at(13) << 1) | (at(14) >> 7)) +
    char(at(14) >> 2) +
    char((at(14) << 3) | (at(15) >> 5)) +
    char(at(15))
  );
}
