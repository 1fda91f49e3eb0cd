import type { FastifyPluginAsync, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError, PlatformErrors, type Clock, type Db } from '@sauda/platform';
import { countUnread, listInbox, markAllInboxItemsRead, markInboxItemRead } from './inbox.repository.ts';
import {
  DEFAULT_PAGE_SIZE,
  InboxPage,
  InboxQuery,
  NotificationParams,
  Preferences,
  PreferencesUpdate,
  ReadAllResult,
  UnreadCount,
  InboxItem,
} from './notifications.contracts.ts';
import { NotificationsErrors } from './notifications.errors.ts';
import type { InboxRow } from './notifications.tables.ts';
import { preferencesOf, updatePreferences } from './preferences.ts';

export interface NotificationRoutesOptions {
  /** Authenticates the request or replies 401; runs before every route of this plugin. */
  readonly requireUser: preHandlerAsyncHookHandler;
  /** Reads the authenticated user's id; by default `request.user.id`, as set by requireUser. */
  readonly userIdOf?: (request: FastifyRequest) => string | undefined;
}

const defaultUserIdOf = (request: FastifyRequest): string | undefined => {
  const user = (request as FastifyRequest & { user?: { id?: unknown } }).user;
  return typeof user?.id === 'string' ? user.id : undefined;
};

const toItem = (row: InboxRow) => ({
  id: row.id,
  category: row.category,
  title: row.title,
  body: row.body,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt?.toISOString() ?? null,
});

const security: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];
const common = { tags: ['notifications'], security };

/** The signed-in user's in-app notifications and preferences; a user only ever sees their own. */
export function notificationRoutes(
  deps: { db: Db; clock: Clock },
  options: NotificationRoutesOptions,
): FastifyPluginAsync {
  const userIdOf = options.userIdOf ?? defaultUserIdOf;
  const currentUser = (request: FastifyRequest): string => {
    const userId = userIdOf(request);
    if (!userId) throw new AppError(PlatformErrors.PLATFORM_UNAUTHENTICATED);
    return userId;
  };
  return async (scope) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('preHandler', options.requireUser);

    app.get(
      '/v1/me/notifications',
      {
        schema: {
          ...common,
          summary: 'List my in-app notifications, newest first',
          querystring: InboxQuery,
          response: { 200: InboxPage },
        },
      },
      async (request) => {
        const { limit = DEFAULT_PAGE_SIZE, before, unread } = request.query;
        const rows = await listInbox(deps.db, {
          userId: currentUser(request),
          limit: limit + 1,
          before,
          unreadOnly: unread,
        });
        const items = rows.slice(0, limit).map(toItem);
        return { items, nextBefore: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
      },
    );

    app.get(
      '/v1/me/notifications/unread-count',
      { schema: { ...common, summary: 'Count my unread notifications', response: { 200: UnreadCount } } },
      async (request) => ({ unread: await countUnread(deps.db, currentUser(request)) }),
    );

    app.post(
      '/v1/me/notifications/:id/read',
      {
        schema: {
          ...common,
          summary: 'Mark one of my notifications read (repeating it changes nothing)',
          params: NotificationParams,
          response: { 200: InboxItem },
        },
      },
      async (request) => {
        const row = await markInboxItemRead(deps.db, {
          userId: currentUser(request),
          id: request.params.id,
          now: deps.clock.now(),
        });
        // Someone else's notification is "not found" too: its existence is not disclosed.
        if (!row) throw new AppError(NotificationsErrors.NOTIFICATIONS_NOT_FOUND);
        return toItem(row);
      },
    );

    app.post(
      '/v1/me/notifications/read-all',
      { schema: { ...common, summary: 'Mark all my notifications read', response: { 200: ReadAllResult } } },
      async (request) => ({
        updated: await markAllInboxItemsRead(deps.db, {
          userId: currentUser(request),
          now: deps.clock.now(),
        }),
      }),
    );

    app.get(
      '/v1/me/notifications/preferences',
      {
        schema: {
          ...common,
          summary: 'My notification preferences for every category and channel',
          response: { 200: Preferences },
        },
      },
      async (request) => ({ preferences: await preferencesOf(deps.db, currentUser(request)) }),
    );

    app.patch(
      '/v1/me/notifications/preferences',
      {
        schema: {
          ...common,
          summary: 'Change some of my notification preferences (security stays on)',
          body: PreferencesUpdate,
          response: { 200: Preferences },
        },
      },
      async (request) => ({
        preferences: await updatePreferences(
          deps.db,
          currentUser(request),
          request.body.preferences,
          deps.clock.now(),
        ),
      }),
    );
  };
}
