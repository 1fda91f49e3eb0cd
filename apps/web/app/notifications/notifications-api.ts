/** The notifications API's shapes (modules/notifications/src/notifications.contracts.ts). */
export interface InboxItem {
  readonly id: string;
  readonly category: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: string;
  readonly readAt: string | null;
}

export interface InboxPage {
  readonly items: readonly InboxItem[];
  readonly nextBefore: string | null;
}

export const CATEGORIES = ['security', 'account', 'marketing', 'product'] as const;
export type Category = (typeof CATEGORIES)[number];
export const isCategory = (value: string): value is Category =>
  (CATEGORIES as readonly string[]).includes(value);

export const CHANNELS = ['email', 'sms', 'in_app'] as const;

export interface Preference {
  readonly category: Category;
  readonly channel: (typeof CHANNELS)[number];
  readonly enabled: boolean;
  readonly locked: boolean;
}
