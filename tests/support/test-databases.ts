import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/lib/db/client";
import { getPostgresConfigFromUrl } from "@/lib/db/database-url";
import { deployMigrations } from "@/lib/db/migrate";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const tmpRoot = path.join(repoRoot, "tests/.tmp");

/** An admin connection to a PostgreSQL server; each test file gets its own throwaway database on it. */
const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  url: string;
  db: Db;
  /** Raw SQL for set-up that the app itself never does (triggers that simulate failures). */
  execute(sql: string): Promise<void>;
  drop(): Promise<void>;
}

async function runPostgres(url: string, sql: string): Promise<void> {
  const client = new pg.Client(getPostgresConfigFromUrl(url));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Whether the PostgreSQL tests run. They are skipped, saying why, when no server answers on a
 * developer's machine; under CI a missing server fails the run instead.
 */
export async function checkPostgres(): Promise<{ available: boolean; reason: string }> {
  try {
    await runPostgres(postgresAdminUrl, "SELECT 1");
    return { available: true, reason: "" };
  } catch (error) {
    const reason = `PostgreSQL at ${postgresAdminUrl} is not reachable (${(error as Error).message})`;
    if (process.env.CI === "true") throw new Error(`${reason}; CI requires it`);
    console.warn(`skipping PostgreSQL tests: ${reason}. Start it, or set TEST_POSTGRES_URL.`);
    return { available: false, reason };
  }
}

export async function createSqliteTestDatabase(): Promise<TestDatabase> {
  mkdirSync(tmpRoot, { recursive: true });
  const file = path.join(tmpRoot, `test-${randomUUID()}.db`);
  const url = `file:${file}`;
  await deployMigrations(url, repoRoot);
  const db = await createDb(url);
  return {
    url,
    db,
    execute: async (sql) => {
      await db.$executeRawUnsafe(sql);
    },
    drop: async () => {
      await db.$disconnect();
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

export async function createPostgresTestDatabase(): Promise<TestDatabase> {
  const name = `inkstone_test_${randomUUID().replaceAll("-", "")}`;
  await runPostgres(postgresAdminUrl, `CREATE DATABASE "${name}"`);
  const parsed = new URL(postgresAdminUrl);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  await deployMigrations(url, repoRoot);
  const db = await createDb(url);
  return {
    url,
    db,
    execute: (sql) => runPostgres(url, sql),
    drop: async () => {
      await db.$disconnect();
      await runPostgres(postgresAdminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export interface DatabaseKind {
  name: "sqlite" | "postgresql";
  available: boolean;
  create(): Promise<TestDatabase>;
}

/** Both providers, so one suite can run against each (`describe.each`). */
export async function listDatabaseKinds(): Promise<DatabaseKind[]> {
  const postgres = await checkPostgres();
  return [
    { name: "sqlite", available: true, create: createSqliteTestDatabase },
    { name: "postgresql", available: postgres.available, create: createPostgresTestDatabase },
  ];
}
