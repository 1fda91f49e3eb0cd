/**
 * The baseline of `npm run bench:redirect`: a bare node:http server answering every request with
 * the same 302 the redirect engine gives, with a constant Location. Started as its own process so
 * it gets a core of its own, as the real server does. Prints its URL on stdout.
 */
import { createServer } from 'node:http';

const location = process.argv[2] ?? 'https://example.com/';
const server = createServer((_request, response) => {
  response.writeHead(302, { location, 'cache-control': 'no-store', 'content-length': '0' });
  response.end();
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`http://127.0.0.1:${address.port}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
