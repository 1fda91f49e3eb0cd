import type { FastifyPluginAsync } from 'fastify';
import type { EncryptedColumn } from './crypto.ts';
import type { EventHandler } from './events.ts';
import type { JobDefinition } from './jobs.ts';

/**
 * What a module's create function returns to the composition root (apps/server/src/modules.ts):
 * its API for other modules, its HTTP routes, jobs, event handlers and encrypted columns.
 */
export interface SaudaModule<Api = unknown> {
  readonly name: string;
  readonly api: Api;
  readonly routes?: FastifyPluginAsync;
  readonly jobs?: readonly JobDefinition[];
  readonly handlers?: readonly EventHandler[];
  readonly encryptedColumns?: readonly EncryptedColumn[];
}

/** Who asked and from where: carried from the HTTP request into audit records and logs. */
export interface RequestContext {
  readonly requestId?: string | undefined;
  readonly ip?: string | undefined;
  readonly userAgent?: string | undefined;
}
