import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, type AuthGuards } from './auth-guards.ts';
import { blockUser, unblockUser } from './block-user.ts';
import {
  BlockBody,
  Done,
  ProfileResponse,
  RoleBody,
  RoleParams,
  RolesResponse,
  UserParams,
} from './identity.contracts.ts';
import type { Actor, IdentityContext } from './identity.context.ts';
import { changeRole } from './manage-roles.ts';
import { getProfile } from './profile.ts';
import { IdentityPermissions } from './roles.ts';

const security: Record<string, string[]>[] = [{ cookie: [] }, { bearer: [] }];
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
};
/** Role changes re-check the second factor: a session left open on a staff laptop is not enough. */
const ROLE_CHANGE_STEP_UP_SECONDS = 900;

/** Staff endpoints on other people's accounts. */
export function adminRoutes(ctx: IdentityContext, guards: AuthGuards) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['admin: users'];
    const actorOf = (request: Parameters<typeof currentUser>[0]): Actor => ({
      id: currentUser(request).id,
      context: request.context(),
    });

    app.get(
      '/v1/admin/users/:userId',
      {
        preHandler: guards.requirePermission(IdentityPermissions.usersRead),
        schema: {
          tags,
          summary: 'A user account',
          security,
          params: UserParams,
          response: { 200: ProfileResponse, ...errors },
        },
      },
      async (request) => getProfile(ctx, request.params.userId),
    );

    const rolesGuard = [
      guards.requirePermission(IdentityPermissions.rolesManage),
      guards.requireStepUp(ROLE_CHANGE_STEP_UP_SECONDS),
    ];
    app.post(
      '/v1/admin/users/:userId/roles',
      {
        preHandler: rolesGuard,
        schema: {
          tags,
          summary: 'Grant a staff role',
          security,
          params: UserParams,
          body: RoleBody,
          response: { 200: RolesResponse, ...errors },
        },
      },
      async (request) =>
        changeRole(ctx, actorOf(request), {
          userId: request.params.userId,
          role: request.body.role,
          grant: true,
        }),
    );

    app.delete(
      '/v1/admin/users/:userId/roles/:role',
      {
        preHandler: rolesGuard,
        schema: {
          tags,
          summary: 'Revoke a staff role',
          security,
          params: RoleParams,
          response: { 200: RolesResponse, ...errors },
        },
      },
      async (request) =>
        changeRole(ctx, actorOf(request), {
          userId: request.params.userId,
          role: request.params.role,
          grant: false,
        }),
    );

    app.post(
      '/v1/admin/users/:userId/block',
      {
        preHandler: guards.requirePermission(IdentityPermissions.usersBlock),
        schema: {
          tags,
          summary: 'Block an account with a reason; ends its sessions',
          security,
          params: UserParams,
          body: BlockBody,
          response: { 200: Done, ...errors },
        },
      },
      async (request) => {
        await blockUser(ctx, actorOf(request), {
          userId: request.params.userId,
          reason: request.body.reason,
        });
        return { status: 'ok' as const };
      },
    );

    app.post(
      '/v1/admin/users/:userId/unblock',
      {
        preHandler: guards.requirePermission(IdentityPermissions.usersBlock),
        schema: {
          tags,
          summary: 'Lift a block',
          security,
          params: UserParams,
          response: { 200: Done, ...errors },
        },
      },
      async (request) => {
        await unblockUser(ctx, actorOf(request), { userId: request.params.userId });
        return { status: 'ok' as const };
      },
    );
  };
}
