import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { checkIin } from '@sauda/kyc';
import { AppError, type Encryptor } from '@sauda/platform';
import { DuesErrors } from './dues.errors.ts';

/**
 * A member's personal data: normalised before it is stored or compared, stored only as ciphertext
 * bound to the member id, and found through blind indexes (one purpose per field).
 */

/** A valid number in E.164; numbers without a country code are read as Kazakh ones. */
export function normalizePhone(input: string): string {
  const parsed = parsePhoneNumberFromString(input.trim(), 'KZ');
  if (!parsed?.isValid()) throw new AppError(DuesErrors.DUES_INVALID_PHONE);
  return parsed.number;
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

export function normalizeEmail(input: string): string {
  const email = input.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw new AppError(DuesErrors.DUES_INVALID_EMAIL);
  return email;
}

export function normalizeFullName(input: string): string {
  const name = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name.length < 2 || name.length > 200 || /\p{Cc}/u.test(name))
    throw new AppError(DuesErrors.DUES_INVALID_NAME);
  return name;
}

export function normalizeCity(input: string): string {
  const city = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (city.length < 1 || city.length > 100 || /\p{Cc}/u.test(city))
    throw new AppError(DuesErrors.DUES_INVALID_CITY);
  return city;
}

/** An IIN is checked (date, century, check digit) exactly as typed, spaces removed. */
export function normalizeIin(input: string, now: Date): string {
  const iin = input.replace(/\s+/g, '');
  const check = checkIin(iin, now);
  if (!check.valid) throw new AppError(DuesErrors.DUES_INVALID_IIN, { params: { reason: check.reason } });
  return iin;
}

export type MemberField = 'full_name' | 'phone' | 'email' | 'iin';

export const sealMemberField = (encryptor: Encryptor, memberId: string, field: MemberField, value: string) =>
  encryptor.encrypt(value, `${memberId}:${field}`);

export const openMemberField = (encryptor: Encryptor, memberId: string, field: MemberField, token: string) =>
  encryptor.decrypt(token, `${memberId}:${field}`);

export const phoneIndex = (encryptor: Encryptor, phone: string): string =>
  encryptor.blindIndex(phone, 'dues.phone');

export const iinIndex = (encryptor: Encryptor, iin: string): string => encryptor.blindIndex(iin, 'dues.iin');
