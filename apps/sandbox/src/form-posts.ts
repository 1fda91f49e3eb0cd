import type { FastifyInstance } from 'fastify';

/**
 * Lets a simulator's pages use plain HTML forms (no JavaScript): `application/x-www-form-urlencoded`
 * bodies become objects of strings, as a browser sends them. Registered per plugin, so it stays in
 * the simulator's own scope.
 */
export function acceptFormPosts(app: FastifyInstance, bodyLimit = 16 * 1024): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
}
