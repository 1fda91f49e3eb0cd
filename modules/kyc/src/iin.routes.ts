import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ageOn, translate, type Clock } from '@sauda/platform';
import { checkIin } from './iin.ts';
import { IinValidateBody, IinValidateResponse } from './kyc.contracts.ts';
import { IIN_REASON_TEXTS } from './kyc-texts.ts';

/**
 * `POST /v1/iin/validate`: checks an IIN for forms, before anything is submitted. Public, so it is
 * rate limited per IP; it stores nothing, and the IIN travels in the body, never the URL, so it
 * does not reach access logs.
 */
export function iinRoutes(deps: { clock: Clock }) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/v1/iin/validate',
      {
        config: { rateLimit: { max: 60, timeWindow: 60_000 } },
        schema: {
          tags: ['kyc'],
          summary: 'Check an IIN: birth date, sex and age, or why it is not valid',
          body: IinValidateBody,
          response: { 200: IinValidateResponse, 400: { $ref: 'Problem#' }, 429: { $ref: 'Problem#' } },
        },
      },
      async (request) => {
        const now = deps.clock.now();
        const check = checkIin(request.body.iin, now);
        if (!check.valid)
          return {
            valid: false as const,
            reason: check.reason,
            message: translate(IIN_REASON_TEXTS[check.reason], request.locale),
          };
        return {
          valid: true as const,
          birthDate: check.birthDate,
          sex: check.sex,
          age: ageOn(check.birthDate, now),
        };
      },
    );
  };
}
