import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";

/** SQLite for `file:` URLs (the embedded default), PostgreSQL for postgres:// and postgresql://. */
export function getProviderFromUrl(url: string): DatabaseProvider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL "${redactUrl(url)}" is neither a file: URL (SQLite) nor a postgres:// URL`);
}

/** The file a `file:` URL names, resolved against the working directory like Prisma does. */
export function getSqliteFilePath(url: string): string {
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (!file) throw new Error(`DATABASE_URL "${url}" names no SQLite file`);
  return path.resolve(file);
}

/** node-postgres settings from a URL, as discrete fields so a shadow pool can change `database`. */
export function getPostgresConfigFromUrl(url: string): {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
} {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname) || "localhost",
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
  };
}

/** The URL with its password hidden, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:***@");
}
