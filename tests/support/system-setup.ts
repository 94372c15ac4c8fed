// `npm run test:setup`, the first step of `npm test`: checks the system packages the suite needs
// and, on Debian as root, installs and starts what is missing, the way `playwright install
// --with-deps` does; otherwise it stops before any test runs and prints the commands to run.
// The decisions are in system-requirements.ts; this file only probes and carries them out.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { getPostgresConfigFromUrl } from "@/lib/db/database-url";
import { chromiumPath } from "./debian-chromium";
import {
  type CheckLine,
  type PostgresProbe,
  type SystemProbe,
  type SystemState,
  LOCAL_POSTGRES_TARGET,
  TESTS_XMLLINT_PATH,
  planSystemSetup,
} from "./system-requirements";

// The same server tests/support/test-databases.ts connects to (not imported: it loads Prisma).
const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const POSTGRES_START_SECONDS = 30;

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

function dpkgInstalled(debianPackage: string): boolean {
  const result = spawnSync("dpkg-query", ["-W", "-f=${Status}", debianPackage], { encoding: "utf8" });
  return result.status === 0 && result.stdout.trim() === "install ok installed";
}

function probeCjkFonts(hasDpkg: boolean): string | null {
  const fcList = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  if (fcList.status === 0) {
    const family = fcList.stdout
      .split("\n")
      .flatMap((line) => line.split(","))
      .find((name) => /^Noto (Sans|Serif) CJK/.test(name.trim()));
    if (family) return `${family.trim()} (fc-list :lang=zh)`;
  }
  // A font cache that has not caught up yet should not send anyone to reinstall the package.
  if (hasDpkg && dpkgInstalled("fonts-noto-cjk")) return "fonts-noto-cjk (dpkg)";
  return null;
}

/** The newest cluster pg_ctlcluster could start: /etc/postgresql/<version>/main. */
function findClusterVersion(): string | null {
  if (findOnPath("pg_ctlcluster") === null) return null;
  let versions: string[];
  try {
    versions = readdirSync("/etc/postgresql");
  } catch {
    return null;
  }
  const clusters = versions
    .filter((version) => /^\d+(\.\d+)?$/.test(version) && existsSync(path.join("/etc/postgresql", version, "main", "postgresql.conf")))
    .sort((a, b) => Number(a) - Number(b));
  return clusters.at(-1) ?? null;
}

// Errors meaning no server listens, as opposed to one that answers and turns the login away.
const NOT_LISTENING = new Set(["ECONNREFUSED", "ENOENT", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);

/** Connects the way the tests do, so "ready" means the PostgreSQL tests will really run. */
async function probePostgres(): Promise<PostgresProbe> {
  const config = getPostgresConfigFromUrl(postgresAdminUrl);
  const target = `${config.host}:${config.port}`;
  const local = ["127.0.0.1", "localhost"].includes(config.host) && config.port === 5432;
  const { default: pg } = await import("pg");
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 5000 });
  // A server that goes away mid-probe emits "error" on the client; the failed connect reports it.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { target, local, state: "ready", error: "", clusterVersion: null };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    const message = (error as Error).message || code;
    const listening = !NOT_LISTENING.has(code) && !/timeout/i.test(message);
    return {
      target,
      local,
      state: listening ? "refused" : "down",
      error: message,
      clusterVersion: listening ? null : findClusterVersion(),
    };
  } finally {
    await client.end().catch(() => {});
  }
}

async function probeSystem(installed: readonly string[], startedPostgres: boolean): Promise<SystemProbe> {
  const apt = findOnPath("apt-get") !== null && findOnPath("dpkg") !== null;
  const chromiumExecutable = isExecutableFile(chromiumPath);
  const xmllintPath = findOnPath("xmllint");
  return {
    skip: false,
    ci: process.env.CI === "true",
    root: process.getuid?.() === 0,
    apt,
    chromium: {
      path: chromiumPath,
      fromEnv: process.env.CHROMIUM_PATH !== undefined,
      executable: chromiumExecutable,
      packageInstalled: !chromiumExecutable && apt && dpkgInstalled("chromium"),
    },
    cjkFonts: probeCjkFonts(apt),
    xmllintPath,
    xmllintAtTestsPath: xmllintPath !== null && isExecutableFile(TESTS_XMLLINT_PATH),
    postgres: await probePostgres(),
    installed,
    startedPostgres,
  };
}

function say(line: string): void {
  console.log(`test:setup: ${line}`);
}

function printCheck(check: CheckLine): void {
  say(`${check.status.padEnd(7)} ${check.name}: ${check.detail}`);
}

function run(command: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): boolean {
  say(`running ${[...Object.entries(env).map(([name, value]) => `${name}=${value}`), command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

function fail(message: string): never {
  console.error(`test:setup: ${message}`);
  process.exit(1);
}

async function waitForPostgres(): Promise<boolean> {
  const [host, port] = LOCAL_POSTGRES_TARGET.split(":") as [string, string];
  for (let attempt = 0; attempt < POSTGRES_START_SECONDS; attempt += 1) {
    if (spawnSync("pg_isready", ["-h", host, "-p", port, "-q"]).status === 0) return true;
    await sleep(1000);
  }
  return false;
}

async function main(): Promise<void> {
  const skip = process.env.INKSTONE_SKIP_SYSTEM_SETUP === "1";
  const installed: string[] = [];
  let startedPostgres = false;
  let previous = new Map<string, CheckLine>();
  // Each round either stops, finishes, or does something it has not done before (the plan turns
  // a repeated install or start into a fatal error), so this ends.
  for (;;) {
    const state: SystemState = skip ? { skip: true } : await probeSystem(installed, startedPostgres);
    const plan = planSystemSetup(state);
    if (plan.skipped) {
      say("skipped (INKSTONE_SKIP_SYSTEM_SETUP=1)");
      return;
    }
    for (const check of plan.checks) {
      // After an install or a start, only what was not fine before is worth a line again.
      if (previous.get(check.name)?.status !== "ok") printCheck(check);
    }
    previous = new Map(plan.checks.map((check) => [check.name, check]));
    for (const warning of plan.warnings) console.warn(`test:setup: warning: ${warning}`);
    if (plan.fatal !== null) fail(plan.fatal);
    if (plan.install.length === 0 && plan.startPostgres === null) return;

    if (plan.install.length > 0) {
      say(`installing ${plan.install.join(" ")} with apt-get`);
      const args = ["install", "-y", "-qq", "--no-install-recommends", ...plan.install];
      if (!run("apt-get", ["update", "-qq"]) || !run("apt-get", args, { DEBIAN_FRONTEND: "noninteractive" })) {
        fail(`apt-get could not install ${plan.install.join(" ")}; see its output above.`);
      }
      installed.push(...plan.install);
    }
    if (plan.startPostgres !== null) {
      say(`starting PostgreSQL ${plan.startPostgres}`);
      startedPostgres = true;
      if (!run("pg_ctlcluster", ["--skip-systemctl-redirect", plan.startPostgres, "main", "start"])) {
        fail(`pg_ctlcluster could not start PostgreSQL ${plan.startPostgres}; see its log in /var/log/postgresql.`);
      }
      if (!(await waitForPostgres())) {
        fail(`PostgreSQL ${plan.startPostgres} started, but ${LOCAL_POSTGRES_TARGET} did not accept connections within ${POSTGRES_START_SECONDS} s.`);
      }
    }
  }
}

main().catch((error: unknown) => {
  fail(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n(INKSTONE_SKIP_SYSTEM_SETUP=1 skips this check)`);
});
