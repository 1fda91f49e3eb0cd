import { defineHandler, type Clock, type EventHandler } from '@sauda/platform';
import { UserErased } from '@sauda/identity';
import { closeSubject } from './kyc.repository.ts';

/**
 * Account closure starts the retention clock of the user's KYC data. The closure that counts is
 * erasure: a deletion request can still be cancelled in its grace period, so counting from it could
 * purge the data of an account that lives on. Keeping the data those extra days errs on the side
 * the anti-money-laundering rules require (a minimum retention). Idempotent: the first date stays.
 */
export function closureHandlers(clock: Clock): EventHandler[] {
  return [
    defineHandler({
      name: 'kyc.close-on-erasure',
      event: UserErased,
      handle: async ({ userId }, { tx }) => {
        await closeSubject(tx, userId, clock.now());
      },
    }),
  ];
}
