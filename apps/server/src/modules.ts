import { auditMigrations, createAuditModule } from '@sauda/audit';
import {
  platformMigrations,
  type Clock,
  type Config,
  type Db,
  type Encryptor,
  type Logger,
  type ModuleMigrations,
  type SaudaModule,
} from '@sauda/platform';

/**
 * The composition root: the only place that knows every module and wires their dependencies.
 * Order matters only for migrations, which follow each module's declared dependencies.
 */
export const allMigrations: readonly ModuleMigrations[] = [platformMigrations, auditMigrations];

export interface ModuleDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly config: Config;
  readonly encryptor: Encryptor;
  readonly logger: Logger;
}

export function createModules(deps: ModuleDeps) {
  const audit = createAuditModule({ db: deps.db, clock: deps.clock });
  const list: readonly SaudaModule[] = [audit];
  return { audit, list };
}

export type Modules = ReturnType<typeof createModules>;
