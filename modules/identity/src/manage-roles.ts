import { AppError, publishEvent } from '@sauda/platform';
import type { Actor, IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import { RoleGranted, RoleRevoked } from './identity.events.ts';
import type { Role } from './roles.ts';
import { addRole, findUser, removeRole, rolesOf } from './users.repository.ts';

/**
 * Role changes, always audited with the roles before and after. Nobody changes their own roles:
 * an admin cannot lock themselves out, and a compromised session cannot quietly elevate itself.
 */
export async function changeRole(
  ctx: IdentityContext,
  actor: Actor,
  input: { userId: string; role: Role; grant: boolean },
): Promise<{ roles: Role[] }> {
  if (actor.id === input.userId) throw new AppError(IdentityErrors.IDENTITY_CANNOT_CHANGE_OWN_ACCESS);
  return ctx.db.transaction(async (tx) => {
    const user = await findUser(tx, input.userId, { forUpdate: true });
    if (!user || user.status === 'erased') throw new AppError(IdentityErrors.IDENTITY_USER_NOT_FOUND);
    const before = await rolesOf(tx, user.id);
    const changed = input.grant
      ? await addRole(tx, {
          userId: user.id,
          role: input.role,
          grantedAt: ctx.clock.now(),
          grantedBy: actor.id,
        })
      : await removeRole(tx, user.id, input.role);
    if (!changed && !input.grant) throw new AppError(IdentityErrors.IDENTITY_ROLE_NOT_HELD);
    const roles = await rolesOf(tx, user.id);
    if (!changed) return { roles };
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: input.grant ? 'identity.role-granted' : 'identity.role-revoked',
      entityType: 'user',
      entityId: user.id,
      before: { roles: before },
      after: { roles },
      context: actor.context,
    });
    await publishEvent(tx, input.grant ? RoleGranted : RoleRevoked, {
      userId: user.id,
      role: input.role,
      by: actor.id,
    });
    return { roles };
  });
}
