import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBin } from './bin.ts';
import { checkIin, controlDigit, digitsOf, maskIin } from './iin.ts';

describe('IIN', () => {
  it.each([
    ['900101300017', '1990-01-01', 'male'],
    ['950315400026', '1995-03-15', 'female'],
    ['000229500018', '2000-02-29', 'male'],
    ['100615600013', '2010-06-15', 'female'],
    ['881231400017', '1988-12-31', 'female'],
    ['850101100012', '1885-01-01', 'male'],
    ['850101200019', '1885-01-01', 'female'],
  ])('accepts %s (born %s, %s)', (iin, birthDate, sex) => {
    expect(checkIin(iin)).toEqual({ valid: true, birthDate, sex });
  });

  it('accepts a check digit that needs the second weight set', () => {
    // Weights 1..11 give 10 for this prefix; weights 3..11,1,2 give 1.
    const digits = digitsOf('90010130081');
    expect(digits.reduce((sum, digit, index) => sum + digit * (index + 1), 0) % 11).toBe(10);
    expect(controlDigit(digits)).toBe(1);
    expect(checkIin('900101300811')).toEqual({ valid: true, birthDate: '1990-01-01', sex: 'male' });
    expect(checkIin('900101300812')).toEqual({ valid: false, reason: 'check-digit' });
  });

  it('rejects a prefix for which both weight sets give 10, whatever the last digit', () => {
    expect(controlDigit(digitsOf('90010130080'))).toBeUndefined();
    for (let last = 0; last <= 9; last += 1)
      expect(checkIin(`90010130080${last}`)).toEqual({ valid: false, reason: 'check-digit' });
  });

  it.each(['900101300018', '900101300010', '950315400027'])('rejects a wrong check digit: %s', (iin) => {
    expect(checkIin(iin)).toEqual({ valid: false, reason: 'check-digit' });
  });

  it.each([
    ['000229300011', '29 February 1900 (a century year that is not a leap year)'],
    ['000229400016', '29 February 1900, female'],
    ['010229500015', '29 February 2001'],
    ['901301300015', 'month 13'],
    ['900001300019', 'month 00'],
    ['900100300013', 'day 00'],
    ['900431300016', '31 April'],
    ['900132300015', '32 January'],
  ])('rejects an impossible date: %s (%s)', (iin) => {
    expect(checkIin(iin)).toEqual({ valid: false, reason: 'date' });
  });

  it('rejects a birth date after the given day', () => {
    expect(checkIin('300101500014')).toMatchObject({ valid: true, birthDate: '2030-01-01' });
    expect(checkIin('300101500014', new Date('2026-06-01T00:00:00Z'))).toEqual({
      valid: false,
      reason: 'date',
    });
  });

  it.each(['0', '7', '8', '9'])('rejects century digit %s', (digit) => {
    expect(checkIin(`900101${digit}00017`)).toEqual({ valid: false, reason: 'century' });
  });

  it.each(['', '90010130001', '9001013000170', '9'.repeat(20)])('rejects length %#', (iin) => {
    expect(checkIin(iin)).toEqual({ valid: false, reason: 'length' });
  });

  it.each(['90010130001a', '９００１０１３０００１７', '900101-30001', '+90101300017', '9001013000.7'])(
    'rejects non-digits: %s',
    (iin) => {
      expect(checkIin(iin)).toEqual({ valid: false, reason: 'non-digit' });
    },
  );

  it.each([' 900101300017', '900101300017 ', '900101 300017', '900101300017\n', '\t900101300017'])(
    'rejects whitespace instead of trimming it: %j',
    (iin) => {
      expect(checkIin(iin)).toEqual({ valid: false, reason: 'non-digit' });
    },
  );

  it('masks everything after the birth date', () => {
    expect(maskIin('900101300017')).toBe('900101******');
  });

  it('accepts every number built with the algorithm and rejects every other last digit', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.boolean(),
        fc.integer({ min: 0, max: 9999 }),
        (date, male, serial) => {
          const year = date.getUTCFullYear();
          const centuryDigit = (year >= 2000 ? 5 : 3) + (male ? 0 : 1);
          const prefix =
            `${String(year % 100).padStart(2, '0')}${String(date.getUTCMonth() + 1).padStart(2, '0')}` +
            `${String(date.getUTCDate()).padStart(2, '0')}${centuryDigit}${String(serial).padStart(4, '0')}`;
          const check = controlDigit(digitsOf(prefix));
          for (let last = 0; last <= 9; last += 1) {
            const result = checkIin(`${prefix}${last}`);
            expect(result.valid).toBe(last === check);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('BIN', () => {
  it('accepts a head office of a resident legal entity and names its parts', () => {
    expect(checkBin('180340000045')).toEqual({
      valid: true,
      registered: '18-03',
      entityType: 'resident-legal-entity',
      division: 'head-office',
    });
  });

  it('reads every entity type and division', () => {
    expect(checkBin('180351000045')).toMatchObject({
      entityType: 'non-resident-legal-entity',
      division: 'branch',
    });
    expect(checkBin('180362000055')).toMatchObject({
      entityType: 'joint-entrepreneurship',
      division: 'representative-office',
    });
    expect(checkBin('180343000041')).toMatchObject({ division: 'peasant-farm' });
  });

  it.each([
    ['18034000004', 'length'],
    ['18034000004a', 'non-digit'],
    ['181340000042', 'date'],
    ['180040000042', 'date'],
    ['180330000042', 'type'],
    ['180370000042', 'type'],
    ['180344000042', 'division'],
    ['180340000046', 'check-digit'],
  ])('rejects %s: %s', (bin, reason) => {
    expect(checkBin(bin)).toEqual({ valid: false, reason });
  });
});
