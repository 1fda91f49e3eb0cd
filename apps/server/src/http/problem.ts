import type { ServerResponse } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AppError,
  isAppError,
  isDatabaseUnavailable,
  PlatformErrors,
  Type,
  type FieldError,
  type Locale,
} from '@sauda/platform';
import { localizeValidationError } from './validation-messages.ts';

/** RFC 9457 problem details; `code` is the stable machine-readable part clients switch on. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'urn:sauda:error:<CODE>' }),
    title: Type.String({ description: 'Localized, human-readable summary' }),
    status: Type.Integer(),
    code: Type.String({ examples: ['PLATFORM_VALIDATION'] }),
    detail: Type.Optional(Type.String()),
    instance: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', title: 'Problem' },
);

const DATABASE_RETRY_AFTER_SECONDS = '5';

/** Maps whatever was thrown to an AppError; anything unknown becomes an internal error. */
export function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (isAppError(error)) return error;
  const fastifyError = error as Partial<FastifyError> & { validation?: unknown[] };
  if (Array.isArray(fastifyError.validation)) {
    const errors: FieldError[] = fastifyError.validation.map((issue) =>
      localizeValidationError(issue as never, fastifyError.validationContext ?? 'body', request.locale),
    );
    return new AppError(PlatformErrors.PLATFORM_VALIDATION, { errors, cause: error });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(PlatformErrors.PLATFORM_UNSUPPORTED_MEDIA_TYPE, {
        params: { contentType: request.headers['content-type'] ?? '' },
      });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(PlatformErrors.PLATFORM_PAYLOAD_TOO_LARGE, {
        params: { limit: request.routeOptions.bodyLimit },
      });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(PlatformErrors.PLATFORM_MALFORMED_JSON);
    case 'FST_ERR_NOT_FOUND':
      return new AppError(PlatformErrors.PLATFORM_NOT_FOUND);
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400)
    return new AppError(PlatformErrors.PLATFORM_MALFORMED_JSON);
  if (isDatabaseUnavailable(error)) {
    return new AppError(PlatformErrors.PLATFORM_UNAVAILABLE, {
      cause: error,
      headers: { 'retry-after': DATABASE_RETRY_AFTER_SECONDS },
    });
  }
  return new AppError(PlatformErrors.PLATFORM_INTERNAL, { cause: error });
}

/** What a problem body says about the request it answers. */
export interface ProblemRequest {
  readonly locale: Locale;
  readonly requestId: string;
  /** The path without the query string. */
  readonly instance: string;
}

function problemBody(error: AppError, request: ProblemRequest) {
  return {
    type: `urn:sauda:error:${error.code}`,
    title: error.localizedMessage(request.locale),
    status: error.status,
    code: error.code,
    instance: request.instance,
    requestId: request.requestId,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const body = problemBody(error, {
    locale: request.locale,
    requestId: request.id,
    instance: request.url.split('?')[0] ?? '/',
  });
  return reply.status(error.status).headers(error.headers).type('application/problem+json').send(body);
}

/** The same answer on a bare node:http response, for the redirect fast path that runs before Fastify. */
export function sendRawProblem(response: ServerResponse, error: AppError, request: ProblemRequest): void {
  const body = JSON.stringify(problemBody(error, request));
  response.writeHead(error.status, {
    ...error.headers,
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.addSchema(ProblemSchema);
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error, request);
    if (appError.status >= 500) {
      // The client sees only the code and request id; the details go to the log with the same id.
      request.log.error({ err: error, code: appError.code }, 'request failed');
    } else {
      request.log.info({ code: appError.code }, 'request rejected');
    }
    return sendProblem(request, reply, appError);
  });
}
