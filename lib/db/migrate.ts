// Migrations without Prisma's native schema engine. The Prisma CLI downloads that binary from a
// host these machines cannot reach, so this drives the WebAssembly schema engine from npm through
// the app's own driver adapters. It reads and writes Prisma's standard layout
// (prisma/<provider>/migrations/<timestamp>_<name>/migration.sql, migration_lock.toml and the
// _prisma_migrations table), so the standard CLI works on the same folders where it can download.
//
// usage: tsx lib/db/migrate.ts deploy        apply pending migrations (run by npm start and tests)
//        tsx lib/db/migrate.ts dev <name>    write a migration for schema changes, then apply it
// DATABASE_URL picks the database and with it the provider (file: → SQLite, postgres:// → PostgreSQL).
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import Database from "better-sqlite3";
import pg from "pg";
import {
  type DatabaseProvider,
  getPostgresConfigFromUrl,
  getProviderFromUrl,
  getSqliteFilePath,
  redactUrl,
} from "./database-url";
import { prepareSqliteFile } from "./sqlite-file";

/** The project's own prisma/ folders, wherever the command is run from. */
const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

// Tables the migrations create by hand and Prisma's models do not describe, so that `dev` does not
// write a migration dropping them: the full-text index (see the *_search migrations), on SQLite with
// the shadow tables FTS5 keeps it in. The engine wants PostgreSQL's names schema-qualified.
const externalTables: Record<DatabaseProvider, string[]> = {
  sqlite: ["ArticleSearch", "ArticleSearch_config", "ArticleSearch_data", "ArticleSearch_docsize", "ArticleSearch_idx"],
  postgresql: ["public.ArticleSearch"],
};

function getMigrationFilters(provider: DatabaseProvider) {
  return { externalTables: externalTables[provider], externalEnums: [] };
}

let wasmLoaded = false;

function loadSchemaEngineWasm(): void {
  if (wasmLoaded) return;
  const require = createRequire(import.meta.url);
  const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = readFileSync(path.join(path.dirname(bindingsPath), "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    "./schema_engine_bg.js": engineBindings as unknown as WebAssembly.ModuleImports,
  });
  engineBindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  wasmLoaded = true;
}

function createPostgresFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const config = getPostgresConfigFromUrl(url);
  const runAsAdmin = async (sql: string) => {
    const client = new pg.Client(config);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const main = new PrismaPg(config);
  // adapter-pg's own connectToShadowDb reuses the main database when given a connection string and
  // drops the shadow database while its pool still holds it. Own the shadow database instead:
  // create it (the role needs CREATEDB), close the pool, then drop it WITH (FORCE).
  return {
    provider: "postgres",
    adapterName: main.adapterName,
    connect: () => main.connect(),
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
      await runAsAdmin(`CREATE DATABASE "${name}"`);
      const adapter = await new PrismaPg({ ...config, database: name }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await runAsAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
      return adapter;
    },
  };
}

// Two mismatches between schema-engine-wasm 8.1.0-2 and the 7.10 adapters, patched on every
// connection the engine opens (main and shadow).
function patchAdapterForSchemaEngine(adapter: SqlDriverAdapter): SqlDriverAdapter {
  // adapter-pg cannot decode Postgres' internal "char" type (oid 18), which the engine's catalog
  // queries return (relkind, contype, ...). The values are already strings: report them as text.
  const withPerformIo = adapter as SqlDriverAdapter & {
    performIO?: (query: unknown) => Promise<{ fields?: Array<{ dataTypeID: number }> }>;
  };
  if (typeof withPerformIo.performIO === "function") {
    const performIO = withPerformIo.performIO.bind(adapter);
    withPerformIo.performIO = async (query) => {
      const result = await performIO(query);
      for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
      return result;
    };
  }
  // The engine replays whole migration scripts through executeRaw; adapter-better-sqlite3 prepares
  // them as one statement and refuses several. Parameterless scripts go to executeScript instead.
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length === 0 && /more than one statement/.test(String((error as Error)?.message))) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      throw error;
    }
  };
  return adapter;
}

function createAdapterFactory(
  url: string,
  provider: DatabaseProvider,
  opened: SqlDriverAdapter[],
): SqlMigrationAwareDriverAdapterFactory {
  const factory =
    provider === "sqlite"
      ? new PrismaBetterSqlite3({ url: `file:${getSqliteFilePath(url)}` })
      : createPostgresFactory(url);
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = patchAdapterForSchemaEngine(await connect());
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => patchAdapterForSchemaEngine(await connectToShadowDb()),
  };
}

function getPrismaDir(provider: DatabaseProvider, root: string): string {
  return path.join(root, "prisma", provider);
}

function readSchemaFiles(provider: DatabaseProvider, root: string) {
  const dir = getPrismaDir(provider, root);
  const names = readdirSync(dir)
    .filter((name) => name.endsWith(".prisma"))
    .sort();
  return {
    files: names.map((name) => ({ path: path.join(dir, name), content: readFileSync(path.join(dir, name), "utf8") })),
  };
}

function readMigrationsList(provider: DatabaseProvider, root: string) {
  const baseDir = path.join(getPrismaDir(provider, root), "migrations");
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const directories = existsSync(baseDir)
    ? readdirSync(baseDir)
        .filter((name) => statSync(path.join(baseDir, name)).isDirectory())
        .sort()
    : [];
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => {
      const file = path.join(baseDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `missing ${path.relative(root, file)}` },
        },
      };
    }),
  };
}

type Engine = Awaited<ReturnType<typeof engineBindings.SchemaEngine.new>>;

async function withSchemaEngine<T>(
  url: string,
  root: string,
  work: (engine: Engine, provider: DatabaseProvider) => Promise<T>,
): Promise<T> {
  const provider = getProviderFromUrl(url);
  if (provider === "sqlite") prepareSqliteFile(getSqliteFilePath(url));
  loadSchemaEngineWasm();
  // engine.free() leaves the engine's connections open (on SQLite, holding a lock): close them here.
  const opened: SqlDriverAdapter[] = [];
  const factory = bindMigrationAwareSqlAdapterFactory(createAdapterFactory(url, provider, opened));
  const schema = readSchemaFiles(provider, root);
  const engine = await engineBindings.SchemaEngine.new(
    { datamodels: schema.files.map((file) => [file.path, file.content] as [string, string]) },
    () => undefined,
    factory,
  );
  try {
    return await work(engine, provider);
  } catch (error) {
    // Driver errors reach the engine as "External error id#N"; the registry holds the real one.
    const id = /External error id#(\d+)/.exec(String((error as Error)?.message))?.[1];
    const external = id ? factory.errorRegistry.consumeError(Number(id)) : undefined;
    const detail = external ? `: ${JSON.stringify(external.error)}` : "";
    throw new Error(`Migrating ${redactUrl(url)} failed: ${(error as Error)?.message ?? error}${detail}`, { cause: error });
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose()));
  }
}

const appliedMigrationsQuery =
  'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

/** Names of the migrations the database records as applied; empty for a database without the table. */
async function listAppliedMigrationNames(url: string, provider: DatabaseProvider): Promise<Set<string>> {
  if (provider === "sqlite") {
    const file = getSqliteFilePath(url);
    if (!existsSync(file)) return new Set();
    const connection = new Database(file, { readonly: true, timeout: 5000 });
    try {
      const rows = connection.prepare(appliedMigrationsQuery).all() as Array<{ migration_name: string }>;
      return new Set(rows.map((row) => row.migration_name));
    } catch (error) {
      if (/no such table/.test((error as Error).message)) return new Set();
      throw error;
    } finally {
      connection.close();
    }
  }
  const client = new pg.Client(getPostgresConfigFromUrl(url));
  await client.connect();
  try {
    const result = await client.query<{ migration_name: string }>(appliedMigrationsQuery);
    return new Set(result.rows.map((row) => row.migration_name));
  } catch (error) {
    if ((error as { code?: string }).code === "42P01") return new Set();
    throw error;
  } finally {
    await client.end();
  }
}

/** The migrations the database the URL names has not applied yet (all of them for a missing SQLite file). */
export async function listPendingMigrations(url: string, root = projectRoot): Promise<string[]> {
  const provider = getProviderFromUrl(url);
  const applied = await listAppliedMigrationNames(url, provider);
  return readMigrationsList(provider, root).migrationDirectories.filter((dir) => !applied.has(dir.path)).map((dir) => dir.path);
}

/**
 * Applies every pending migration for the database the URL names and returns their names. When
 * none is pending the schema engine is not started at all: it is slow to load, and on SQLite it
 * cannot start while another process (a running portal) has the file open.
 */
export async function deployMigrations(url: string, root = projectRoot): Promise<string[]> {
  const provider = getProviderFromUrl(url);
  const applied = await listAppliedMigrationNames(url, provider);
  const pending = readMigrationsList(provider, root).migrationDirectories.filter((dir) => !applied.has(dir.path));
  if (pending.length === 0) return [];
  return withSchemaEngine(url, root, async (engine) => {
    const result = await engine.applyMigrations({
      migrationsList: readMigrationsList(provider, root),
      filters: getMigrationFilters(provider),
    });
    return result.appliedMigrationNames;
  });
}

/** Writes a migration for the difference between the migrations and the schema, then applies it. */
export async function createMigration(url: string, name: string, root = projectRoot): Promise<string | null> {
  return withSchemaEngine(url, root, async (engine, provider) => {
    // applyMigrations first: it creates _prisma_migrations on a fresh database (devDiagnostic
    // answers P1014 otherwise); devDiagnostic then fills the shadow schema createMigration needs.
    const filters = getMigrationFilters(provider);
    await engine.applyMigrations({ migrationsList: readMigrationsList(provider, root), filters });
    const diagnostic = await engine.devDiagnostic({
      migrationsList: readMigrationsList(provider, root),
      filters,
    });
    if (diagnostic.action.tag === "reset") {
      throw new Error(`the database has drifted from the migrations and needs a reset: ${diagnostic.action.reason}`);
    }
    const created = await engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList: readMigrationsList(provider, root),
      schema: readSchemaFiles(provider, root),
      filters,
    });
    if (!created.migrationScript) return null;
    const migrationsDir = path.join(getPrismaDir(provider, root), "migrations");
    const dir = path.join(migrationsDir, created.generatedMigrationName);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `migration.${created.extension}`), created.migrationScript);
    const lockPath = path.join(migrationsDir, "migration_lock.toml");
    if (!existsSync(lockPath)) {
      writeFileSync(
        lockPath,
        `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${created.connectorType}"\n`,
      );
    }
    await engine.applyMigrations({ migrationsList: readMigrationsList(provider, root), filters });
    return created.generatedMigrationName;
  });
}

async function main(argv: string[]): Promise<void> {
  const { env } = await import("../env");
  const [command, name] = argv;
  if (command === "deploy") {
    const applied = await deployMigrations(env.DATABASE_URL);
    console.log(applied.length ? `migrations applied: ${applied.join(", ")}` : "database is up to date");
  } else if (command === "dev" && name) {
    const created = await createMigration(env.DATABASE_URL, name);
    console.log(created ? `created and applied ${created}` : "schema unchanged: no migration created");
  } else {
    throw new Error("usage: tsx lib/db/migrate.ts deploy | dev <name>");
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  // The wasm engine can leave timers behind; the command is done when its work is.
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
