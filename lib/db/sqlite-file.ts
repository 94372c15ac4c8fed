import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * Creates the SQLite file's folder and puts the file in WAL mode, so pages keep reading while an
 * ingest writes. The mode is stored in the file; switching needs the only connection, so it is
 * done before any other opens and skipped when already set.
 */
export function prepareSqliteFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const connection = new Database(file, { timeout: 5000 });
  try {
    if (connection.pragma("journal_mode", { simple: true }) !== "wal") connection.pragma("journal_mode = WAL");
  } finally {
    connection.close();
  }
}
