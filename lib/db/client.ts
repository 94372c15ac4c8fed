import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { type DatabaseProvider, getPostgresConfigFromUrl, getProviderFromUrl, getSqliteFilePath } from "./database-url";
import { prepareSqliteFile } from "./sqlite-file";
import type { PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client";

/**
 * The database handle every lib/db function takes. Both providers' clients are generated from the
 * same models, so they share this API; the SQLite client's type stands for both.
 */
export type Db = SqlitePrismaClient;

// What createDb knows about each client it made (the SQLite file it opened, null for PostgreSQL),
// for the few places that write SQL per engine. Kept on globalThis like the client itself: Next
// bundles the proxy and the routes apart, each with its own copy of this module, and a client made
// by one copy must be known to the others.
type DbOrigin = { sqliteFile: string | null };
const globalForOrigins = globalThis as typeof globalThis & { inkstoneDbOrigins?: WeakMap<Db, DbOrigin> };
const origins = (globalForOrigins.inkstoneDbOrigins ??= new WeakMap<Db, DbOrigin>());

function getOrigin(db: Db) {
  const origin = origins.get(db);
  if (!origin) throw new Error("this database client was not made by createDb (a transaction client cannot say its engine)");
  return origin;
}

/** Which engine a client talks to: known from its URL, never probed (a failed probe would abort a PostgreSQL transaction). */
export function getDatabaseProvider(db: Db): DatabaseProvider {
  return getOrigin(db).sqliteFile === null ? "postgresql" : "sqlite";
}

/** The file a SQLite client opened, for the writes that bypass Prisma; null for PostgreSQL. */
export function getSqliteFile(db: Db): string | null {
  return getOrigin(db).sqliteFile;
}

/** A client for the database the URL names: a SQLite file, or PostgreSQL for postgres:// URLs. */
export async function createDb(url: string): Promise<Db> {
  if (getProviderFromUrl(url) === "postgresql") {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
      import("./generated/postgresql/client"),
      import("@prisma/adapter-pg"),
    ]);
    // Same models, same API; the generated classes differ only in their provider tag.
    const client = new PrismaClient({ adapter: new PrismaPg({ ...getPostgresConfigFromUrl(url), max: 10 }) }) as unknown as Db;
    origins.set(client, { sqliteFile: null });
    return client;
  }
  const file = getSqliteFilePath(url);
  prepareSqliteFile(file);
  const { PrismaClient } = await import("./generated/sqlite/client");
  // `timeout` is better-sqlite3's busy timeout: a writer waits up to 5 s for another's lock.
  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 }) });
  // NORMAL is durable across application crashes in WAL mode and avoids an fsync per commit.
  await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  origins.set(client, { sqliteFile: file });
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
