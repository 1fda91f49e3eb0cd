import { Type } from 'typebox';
import { CATEGORIES, CHANNELS } from './notifications.model.ts';

/** TypeBox schemas of the notification routes; they are the OpenAPI of this module. */

export const DEFAULT_PAGE_SIZE = 20;

export const NotificationId = Type.String({
  pattern: '^ntf_[0-9a-z]{26}$',
  examples: ['ntf_01jq7k5xw1f3v8q2m9c4h6t0ra'],
});
const Category = Type.Enum([...CATEGORIES]);
const Channel = Type.Enum([...CHANNELS]);
const Instant = Type.String({ format: 'date-time' });

export const InboxItem = Type.Object(
  {
    id: NotificationId,
    category: Category,
    title: Type.String(),
    body: Type.String(),
    createdAt: Instant,
    readAt: Type.Union([Instant, Type.Null()]),
  },
  { title: 'InboxItem' },
);

export const InboxQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_PAGE_SIZE })),
    before: Type.Optional(NotificationId),
    unread: Type.Optional(Type.Boolean({ description: 'Only unread notifications' })),
  },
  { additionalProperties: false },
);

export const InboxPage = Type.Object(
  {
    items: Type.Array(InboxItem),
    nextBefore: Type.Union([NotificationId, Type.Null()], {
      description: 'Pass as `before` to get the next page; null on the last page',
    }),
  },
  { title: 'InboxPage' },
);

export const NotificationParams = Type.Object({ id: NotificationId });

export const UnreadCount = Type.Object({ unread: Type.Integer({ minimum: 0 }) }, { title: 'UnreadCount' });

export const ReadAllResult = Type.Object(
  { updated: Type.Integer({ minimum: 0 }) },
  { title: 'ReadAllResult' },
);

export const Preference = Type.Object(
  {
    category: Category,
    channel: Channel,
    enabled: Type.Boolean(),
    locked: Type.Boolean({ description: 'True where the user cannot change it (security)' }),
  },
  { title: 'NotificationPreference' },
);

export const Preferences = Type.Object(
  { preferences: Type.Array(Preference) },
  { title: 'NotificationPreferences' },
);

export const PreferencesUpdate = Type.Object(
  {
    preferences: Type.Array(
      Type.Object(
        { category: Category, channel: Channel, enabled: Type.Boolean() },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: CATEGORIES.length * CHANNELS.length },
    ),
  },
  { additionalProperties: false, title: 'NotificationPreferencesUpdate' },
);
