import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** True when the request's If-None-Match names the tag (or `*`); weak and strong forms compare equal. */
export function matchesEtag(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

/**
 * Public catalog answers are the same for everyone, so they carry a content hash as a weak ETag
 * and may be cached briefly by browsers and CDNs; a matching If-None-Match gets 304 without a body.
 */
export function sendCacheable<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  body: T,
  maxAgeSeconds: number,
): T | FastifyReply {
  const etag = `W/"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
  void reply.header('etag', etag);
  void reply.header('cache-control', `public, max-age=${maxAgeSeconds}`);
  void reply.header('vary', 'Accept-Language');
  if (matchesEtag(request, etag)) return sendNotModified(reply);
  return body;
}

export const sendNotModified = (reply: FastifyReply): FastifyReply => reply.status(304).send();
