import { AppError, type Product } from '@sauda/platform';
import { currentUser, type AuthGuards, type AuthHook } from '@sauda/identity';
import { KycErrors } from './kyc.errors.ts';

/**
 * The guard products put on routes that need a verified identity:
 *
 *   app.post('/v1/loyalty/withdrawals', { preHandler: kyc.requireKyc('loyalty') }, handler)
 *
 * It authenticates like `requireUser`, then, if the product is one that demands KYC in this
 * deployment (`SAUDA_KYC_REQUIRED_PRODUCTS`), answers 403 `KYC_REQUIRED` until the user is verified.
 * For a product that does not demand KYC it is exactly `requireUser`.
 */
export function createRequireKyc(deps: {
  readonly guards: Pick<AuthGuards, 'requireUser'>;
  readonly requiredProducts: readonly Product[];
  readonly isVerified: (userId: string) => Promise<boolean>;
}): (product: Product) => AuthHook {
  return (product) => {
    const required = deps.requiredProducts.includes(product);
    return async (request, reply) => {
      await deps.guards.requireUser(request, reply);
      if (!required) return;
      if (!(await deps.isVerified(currentUser(request).id))) throw new AppError(KycErrors.KYC_REQUIRED);
    };
  };
}
