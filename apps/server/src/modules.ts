import { auditMigrations, createAuditModule } from '@sauda/audit';
import { catalogMigrations, catalogPermissionGrants, createCatalogModule } from '@sauda/catalog';
import {
  conversionsMigrations,
  conversionsPermissionGrants,
  createConversionsModule,
} from '@sauda/conversions';
import { createDuesModule, duesMigrations, duesPermissionGrants } from '@sauda/dues';
import { SMS_GATEWAY_SANDBOX_KEY } from '@sauda/sandbox';
import { createLedgerModule, ledgerMigrations, ledgerPermissionGrants } from '@sauda/ledger';
import {
  codeMessageTexts,
  createIdentityModule,
  identityMigrations,
  securityNoticeTexts,
  type IdentityNotifier,
} from '@sauda/identity';
import { createKycModule, kycMigrations, kycPermissionGrants } from '@sauda/kyc';
import { createReferralsModule, referralsMigrations, referralsPermissionGrants } from '@sauda/referrals';
import { createRewardsModule, rewardsMigrations, rewardsPermissionGrants } from '@sauda/rewards';
import {
  createNotificationsModule,
  defineTemplate,
  notificationsMigrations,
  type NotificationsApi,
} from '@sauda/notifications';
import {
  platformMigrations,
  type Clock,
  type Config,
  type Db,
  type Encryptor,
  type Logger,
  type ModuleMigrations,
  type SaudaModule,
  Type,
} from '@sauda/platform';
import { createTrackingModule, trackingMigrations, trackingPermissionGrants } from '@sauda/tracking';
import { backupModule } from './backup/database-backup.ts';
import { duesPaymentProvider, duesTicketKey, whatsAppSettings } from './dues-wiring.ts';
import { createAuthGuards } from './http/auth.ts';

/**
 * The composition root: the only place that knows every module and wires their dependencies.
 * Order matters only for migrations, which follow each module's declared dependencies.
 */
export const allMigrations: readonly ModuleMigrations[] = [
  platformMigrations,
  auditMigrations,
  notificationsMigrations,
  ledgerMigrations,
  kycMigrations,
  identityMigrations,
  catalogMigrations,
  trackingMigrations,
  rewardsMigrations,
  referralsMigrations,
  conversionsMigrations,
  duesMigrations,
];

const CodeVariables = Type.Object({ code: Type.String(), minutes: Type.Integer() });
const codeTemplates = {
  'verify-email': defineTemplate({
    key: 'identity.verify-email-code',
    variables: CodeVariables,
    content: codeMessageTexts['verify-email'],
  }),
  'verify-phone': defineTemplate({
    key: 'identity.verify-phone-code',
    variables: CodeVariables,
    content: codeMessageTexts['verify-phone'],
  }),
  'reset-password': defineTemplate({
    key: 'identity.reset-password-code',
    variables: CodeVariables,
    content: codeMessageTexts['reset-password'],
  }),
  'change-email': defineTemplate({
    key: 'identity.change-email-code',
    variables: CodeVariables,
    content: codeMessageTexts['change-email'],
  }),
  'change-phone': defineTemplate({
    key: 'identity.change-phone-code',
    variables: CodeVariables,
    content: codeMessageTexts['change-phone'],
  }),
};
const NoticeVariables = Type.Object({});
const noticeTemplates = {
  'email-changed': defineTemplate({
    key: 'identity.email-changed',
    variables: NoticeVariables,
    content: securityNoticeTexts['email-changed'],
  }),
  'phone-changed': defineTemplate({
    key: 'identity.phone-changed',
    variables: NoticeVariables,
    content: securityNoticeTexts['phone-changed'],
  }),
  'password-changed': defineTemplate({
    key: 'identity.password-changed',
    variables: NoticeVariables,
    content: securityNoticeTexts['password-changed'],
  }),
};

/** Identity's code messages and security notices go out through notifications, in the same transaction as the change. */
const identityNotifier = (notifications: NotificationsApi): IdentityNotifier => ({
  sendCode: (executor, message) =>
    notifications.send(executor, {
      to:
        message.channel === 'email'
          ? { userId: message.userId, email: message.address }
          : { userId: message.userId, phone: message.address },
      template: codeTemplates[message.purpose],
      variables: { code: message.code, minutes: message.expiresInMinutes },
      locale: message.locale,
      category: 'security',
      channels: [message.channel],
    }),
  sendNotice: (executor, notice) =>
    notifications.send(executor, {
      to: { userId: notice.userId, email: notice.email, phone: notice.phone },
      template: noticeTemplates[notice.kind],
      variables: {},
      locale: notice.locale,
      category: 'security',
    }),
});

/** The configured SMS gateway; in the demo, the sandbox's simulated gateway when none is configured. */
function smsSettings(config: Config): Config['notifications']['sms'] {
  if (config.notifications.sms || !config.demo) return config.notifications.sms;
  return { url: `${config.sandbox.url}/sms-gateway`, apiKey: SMS_GATEWAY_SANDBOX_KEY, sender: 'Sauda' };
}

export interface ModuleDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly config: Config;
  readonly encryptor: Encryptor;
  readonly logger: Logger;
}

export function createModules(deps: ModuleDeps) {
  const audit = createAuditModule({ db: deps.db, clock: deps.clock });
  const notifications = createNotificationsModule({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    email: deps.config.notifications.email,
    sms: smsSettings(deps.config),
    whatsapp: whatsAppSettings(deps.config),
    http: { mailbox: { enabled: deps.config.demo, defaultLocale: deps.config.defaultLocale } },
  });
  const identity = createIdentityModule({
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    encryptor: deps.encryptor,
    audit: audit.api,
    notifier: identityNotifier(notifications.api),
    guards: (authenticator) => createAuthGuards(authenticator, { clock: deps.clock }),
    permissionGrants: [
      catalogPermissionGrants,
      trackingPermissionGrants,
      kycPermissionGrants,
      rewardsPermissionGrants,
      referralsPermissionGrants,
      ledgerPermissionGrants,
      conversionsPermissionGrants,
      duesPermissionGrants,
    ],
  });
  const ledger = createLedgerModule({
    db: deps.db,
    clock: deps.clock,
    http: { guards: identity.guards, audit: audit.api },
  });
  // Notifications need identity's guard for their user routes, and identity needs notifications to
  // send codes: the user routes are therefore wired here, once both exist.
  const inbox: SaudaModule = {
    name: 'notifications-inbox',
    api: undefined,
    routes: notifications.notificationRoutes({ requireUser: identity.guards.requireUser }),
  };
  const catalog = createCatalogModule({
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    audit: audit.api,
    guards: identity.guards,
    logger: deps.logger,
  });
  const tracking = createTrackingModule({
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    catalog: catalog.api,
    guards: identity.guards,
    logger: deps.logger,
  });
  const kyc = createKycModule({
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    encryptor: deps.encryptor,
    audit: audit.api,
    guards: identity.guards,
    logger: deps.logger,
  });
  const conversions = createConversionsModule({
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    encryptor: deps.encryptor,
    audit: audit.api,
    catalog: catalog.api,
    tracking: tracking.api,
    identity: identity.api,
    guards: identity.guards,
    logger: deps.logger,
  });
  const rewards = createRewardsModule({
    db: deps.db,
    clock: deps.clock,
    ledger: ledger.api,
    catalog: catalog.api,
    kyc: kyc.api,
    identity: identity.api,
    notifications: notifications.api,
    audit: audit.api,
    guards: identity.guards,
    logger: deps.logger,
  });
  const referrals = createReferralsModule({
    db: deps.db,
    clock: deps.clock,
    ledger: ledger.api,
    kyc: kyc.api,
    identity: identity.api,
    rewards: rewards.api,
    audit: audit.api,
    encryptor: deps.encryptor,
    settings: { linkBase: deps.config.publicUrl },
    guards: identity.guards,
    logger: deps.logger,
  });
  const dues = createDuesModule({
    db: deps.db,
    clock: deps.clock,
    encryptor: deps.encryptor,
    audit: audit.api,
    ledger: ledger.api,
    notifications: notifications.api,
    identity: identity.api,
    config: {
      publicUrl: deps.config.publicUrl,
      dataDir: deps.config.dataDir,
      ticketKey: duesTicketKey(deps.config),
      webhookAllowedIps: deps.config.dues.webhookAllowedIps,
    },
    provider: duesPaymentProvider(deps.config),
    guards: identity.guards,
    logger: deps.logger,
  });
  const list: readonly SaudaModule[] = [
    audit,
    notifications,
    inbox,
    ledger,
    identity,
    catalog,
    tracking,
    kyc,
    conversions,
    rewards,
    referrals,
    dues,
    backupModule(deps.config, deps.logger),
  ];
  return {
    audit,
    notifications,
    ledger,
    identity,
    catalog,
    tracking,
    kyc,
    conversions,
    rewards,
    referrals,
    dues,
    list,
  };
}

export type Modules = ReturnType<typeof createModules>;
