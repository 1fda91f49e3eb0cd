import type { ModuleMigrations } from '@sauda/platform';

export {
  createNotificationsModule,
  type NotificationsApi,
  type NotificationsModule,
  type NotificationsModuleDeps,
} from './notifications.module.ts';
export { defineTemplate, type TemplateDefinition, type TemplateContent } from './templates.ts';
export type { OutgoingMessage } from './send-notification.ts';
export {
  CATEGORIES,
  CHANNELS,
  type Category,
  type Channel,
  type ChannelContent,
  type DeliveryStatus,
  type Recipient,
  type SkipReason,
} from './notifications.model.ts';
export {
  DeliveryFailure,
  type ChannelAdapter,
  type ChannelAdapters,
  type DeliveryReceipt,
  type OutgoingDelivery,
} from './channels/channel.ts';
export type { SmtpEmailSettings } from './channels/smtp-email.ts';
export type { HttpSmsGatewaySettings } from './channels/http-sms-gateway.ts';
export type { WhatsAppBusinessSettings } from './channels/whatsapp-business.ts';
export type { MessageLog } from './notifications.repository.ts';
export type { NotificationRoutesOptions } from './notifications.routes.ts';
export type { MailboxRoutesOptions } from './mailbox.routes.ts';
export { DeliveryRequested } from './notifications.events.ts';
export { NotificationsErrors } from './notifications.errors.ts';

export const notificationsMigrations: ModuleMigrations = {
  module: 'notifications',
  directory: new URL('../migrations/', import.meta.url),
  dependsOn: ['platform'],
};
