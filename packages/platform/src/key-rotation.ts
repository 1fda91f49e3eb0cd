import type pg from 'pg';
import type { EncryptedColumn, Encryptor } from './crypto.ts';

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Re-wraps every value of the registered encrypted columns under the active key, in batches, each
 * batch in its own transaction: safe to interrupt and run again, since done rows are skipped.
 */
export async function rotateEncryptedColumns(
  pool: pg.Pool,
  encryptor: Encryptor,
  columns: readonly EncryptedColumn[],
  batchSize = 500,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const activePrefix = `v1.${encryptor.activeKeyId}.`;
  for (const column of columns) {
    const table = `${quote(column.schema)}.${quote(column.table)}`;
    const [id, value] = [quote(column.idColumn), quote(column.column)];
    let total = 0;
    for (;;) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{ id: string; value: string }>(
          `SELECT ${id} AS id, ${value} AS value FROM ${table}
           WHERE ${value} IS NOT NULL AND left(${value}, $1) <> $2 ORDER BY ${id} LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [activePrefix.length, activePrefix, batchSize],
        );
        for (const row of rows) {
          await client.query(`UPDATE ${table} SET ${value} = $1 WHERE ${id} = $2`, [
            encryptor.rewrap(row.value),
            row.id,
          ]);
        }
        await client.query('COMMIT');
        total += rows.length;
        if (rows.length < batchSize) break;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }
    counts.set(`${column.schema}.${column.table}.${column.column}`, total);
  }
  return counts;
}
