import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { getPostgresConfigFromUrl, getProviderFromUrl, getSqliteFilePath } from "./database-url";
import { prepareSqliteFile } from "./sqlite-file";
import type { PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client";

/**
 * The database handle every lib/db function takes. Both providers' clients are generated from the
 * same models, so they share this API; the SQLite client's type stands for both.
 */
export type Db = SqlitePrismaClient;

const sqliteFiles = new WeakMap<Db, string>();

/** The file a SQLite client opened, for the writes that bypass Prisma; null for PostgreSQL. */
export function getSqliteFile(db: Db): string | null {
  return sqliteFiles.get(db) ?? null;
}

/** A client for the database the URL names: a SQLite file, or PostgreSQL for postgres:// URLs. */
export async function createDb(url: string): Promise<Db> {
  if (getProviderFromUrl(url) === "postgresql") {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
      import("./generated/postgresql/client"),
      import("@prisma/adapter-pg"),
    ]);
    const client = new PrismaClient({ adapter: new PrismaPg({ ...getPostgresConfigFromUrl(url), max: 10 }) });
    // Same models, same API; the generated classes differ only in their provider tag.
    return client as unknown as Db;
  }
  const file = getSqliteFilePath(url);
  prepareSqliteFile(file);
  const { PrismaClient } = await import("./generated/sqlite/client");
  // `timeout` is better-sqlite3's busy timeout: a writer waits up to 5 s for another's lock.
  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 }) });
  // NORMAL is durable across application crashes in WAL mode and avoids an fsync per commit.
  await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  sqliteFiles.set(client, file);
  return client;
}

const globalForDb = globalThis as typeof globalThis & { inkstoneDb?: Promise<Db> };

/** The process's client for DATABASE_URL, created on first use (and kept across dev reloads). */
export function getDb(): Promise<Db> {
  if (!globalForDb.inkstoneDb) {
    globalForDb.inkstoneDb = import("../env").then(({ env }) => createDb(env.DATABASE_URL));
  }
  return globalForDb.inkstoneDb;
}
