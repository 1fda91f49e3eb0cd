export {
  loadConfig,
  ConfigError,
  PRODUCTS,
  LOCALES,
  type Config,
  type Product,
  type Locale,
} from './config.ts';
export {
  AppError,
  defineErrors,
  isAppError,
  PlatformErrors,
  type ErrorDefinition,
  type FieldError,
} from './errors.ts';
export { translate, resolveLocale, isLocale, type Localized } from './i18n.ts';
export { newId, isId } from './ids.ts';
export { boundedMemo } from './memo.ts';
export { Money, MoneyError, registerAsset, getAsset, type Asset } from './money.ts';
export * from './clock.ts';
export { createLogger, REDACTED_PATHS, type Logger } from './logger.ts';
export {
  openDatabase,
  createPool,
  drizzleFor,
  poolOf,
  isDatabaseUnavailable,
  type Database,
  type Db,
  type Tx,
  type Executor,
} from './database.ts';
export { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.ts';
export {
  migrate,
  orderModules,
  listMigrations,
  migrationKeys,
  pendingMigrations,
  platformMigrations,
  type ModuleMigrations,
  type MigrationResult,
} from './migrations.ts';
export {
  defineEvent,
  defineHandler,
  publishEvent,
  handleEventOnce,
  handleEventsOnce,
  handleEventsOnceOrAlone,
  deliverPendingEvents,
  Type,
  type Static,
  type TSchema,
  type EventDefinition,
  type EventHandler,
  type EventContext,
  type EventItem,
  type BatchContext,
  type BatchOutcome,
} from './events.ts';
export { JobRunner, defineJob, outboxLagSeconds, type JobDefinition } from './jobs.ts';
export { Encryptor, DecryptionError, type EncryptedColumn } from './crypto.ts';
export { rotateEncryptedColumns } from './key-rotation.ts';
export type { SaudaModule, RequestContext } from './module.ts';
export { sql } from 'drizzle-orm';
