import { randomUUID } from "node:crypto";
import { cpSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createMigration } from "@/lib/db/migrate";
import { listDatabaseKinds, repoRoot, type TestDatabase, tmpRoot } from "../../support/test-databases";

// The search index is made of tables Prisma's models do not describe. Prisma's migrate must leave
// them alone: after every migration is applied, `npm run db:migrate` must find nothing to write
// (rather than a migration that drops the index).
describe.each(await listDatabaseKinds())("migrations on $name with the search index", (kind) => {
  let database: TestDatabase | undefined;
  const root = path.join(tmpRoot, `migrations-${randomUUID()}`);

  afterAll(async () => {
    await database?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it.skipIf(!kind.available)("writes no migration after the search migrations", async () => {
    database = await kind.create();
    // The schema engine needs the SQLite file to itself, as it would from the command line.
    await database.db.$disconnect();
    // A copy of prisma/, so a wrongly written migration could never land in the repository.
    cpSync(path.join(repoRoot, "prisma"), path.join(root, "prisma"), { recursive: true });
    const before = readdirSync(path.join(root, "prisma", kind.name, "migrations"));
    expect(before.some((name) => name.endsWith("_search"))).toBe(true);
    expect(await createMigration(database.url, "nothing_to_do", root)).toBeNull();
    expect(readdirSync(path.join(root, "prisma", kind.name, "migrations"))).toEqual(before);
  });
});
