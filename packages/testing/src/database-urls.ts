/** The same server, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Test databases are created from the maintenance database of the given server. */
export function adminUrlFor(serverUrl: string): string {
  return databaseUrl(serverUrl, new URL(serverUrl).pathname.slice(1) || 'postgres');
}
