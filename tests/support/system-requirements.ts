// What the test suite needs from the operating system, and what `npm run test:setup` does about
// whatever is missing. Kept free of I/O so every case can be unit-tested: system-setup.ts probes
// the machine, passes the results here and carries out the plan that comes back.

/** Where the feed and sitemap tests run xmllint from (tests/integration/feeds, tests/integration/seo). */
export const TESTS_XMLLINT_PATH = "/usr/bin/xmllint";

/** Where Debian's chromium package puts the browser, the default the suite launches. */
export const DEBIAN_CHROMIUM_PATH = "/usr/bin/chromium";

/** The server the PostgreSQL tests use unless TEST_POSTGRES_URL names another. */
export const LOCAL_POSTGRES_TARGET = "127.0.0.1:5432";

export interface ChromiumProbe {
  /** The browser the suite launches: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
  path: string;
  /** Whether CHROMIUM_PATH chose the path, in which case installing Debian's package cannot help. */
  fromEnv: boolean;
  executable: boolean;
  /** Whether dpkg lists the chromium package as installed (false where there is no dpkg). */
  packageInstalled: boolean;
}

export interface PostgresProbe {
  /** host:port of the server the tests connect to. */
  target: string;
  /** Whether that is the local 127.0.0.1:5432 server, the only one set-up may install or start. */
  local: boolean;
  /**
   * ready: the tests' own connection works; refused: a server answers but turns it away (a
   * password is required, say); down: nothing answers.
   */
  state: "ready" | "refused" | "down";
  /** Why the connection failed, for the message. */
  error: string;
  /** The newest cluster under /etc/postgresql that pg_ctlcluster can start, if there is one. */
  clusterVersion: string | null;
}

export interface SystemProbe {
  skip: false;
  /** CI=true: every optional part of the suite becomes required, as the tests themselves decide. */
  ci: boolean;
  root: boolean;
  /** apt-get and dpkg are both present: a Debian system whose packages set-up knows. */
  apt: boolean;
  chromium: ChromiumProbe;
  /** How a Noto CJK font was found (fc-list or dpkg), or null when none is installed. */
  cjkFonts: string | null;
  /** xmllint as found on PATH, or null. */
  xmllintPath: string | null;
  /** Whether xmllint is where the tests look for it. */
  xmllintAtTestsPath: boolean;
  postgres: PostgresProbe;
  /** Packages this run has already installed: needing one again means installing it did not help. */
  installed: readonly string[];
  /** Whether this run has already started the PostgreSQL cluster. */
  startedPostgres: boolean;
}

/** The skip flag alone needs no probing at all, so a broken probe can be skipped too. */
export type SystemState = { skip: true } | SystemProbe;

export type CheckStatus = "ok" | "missing" | "stopped" | "refused";

export interface CheckLine {
  status: CheckStatus;
  name: string;
  detail: string;
}

export interface SetupPlan {
  skipped: boolean;
  /** One line per thing checked, in a fixed order. */
  checks: CheckLine[];
  /** Debian packages to install with apt-get, as root, before anything else. */
  install: string[];
  /** The PostgreSQL cluster version to start with pg_ctlcluster, once the packages are in. */
  startPostgres: string | null;
  /** Things the tests will skip, saying so; the run goes on. */
  warnings: string[];
  /** Set when the tests cannot run: what is wrong and the exact commands that fix it. */
  fatal: string | null;
}

interface Need {
  name: string;
  /** A Debian package that provides it. */
  debianPackage: string;
  /** What the suite uses it for. */
  purpose: string;
  /** What to do on a system without apt-get. */
  elsewhere: string;
}

const CHROMIUM: Need = {
  name: "Chromium",
  debianPackage: "chromium",
  purpose: "the end-to-end and JSON-LD tests' browser",
  elsewhere: "install Chromium and set CHROMIUM_PATH to its executable",
};
const CJK_FONTS: Need = {
  name: "Noto CJK fonts",
  debianPackage: "fonts-noto-cjk",
  purpose: "Chinese glyphs on the generated social-image card",
  elsewhere: "install the Noto Sans CJK and Noto Serif CJK fonts so that fc-list :lang=zh lists them",
};
const XMLLINT: Need = {
  name: "xmllint",
  debianPackage: "libxml2-utils",
  purpose: "the schema checks of the sitemap and feed tests",
  elsewhere: `install libxml2's xmllint as ${TESTS_XMLLINT_PATH}`,
};
const POSTGRESQL: Need = {
  name: "PostgreSQL",
  debianPackage: "postgresql",
  purpose: "the PostgreSQL integration tests",
  elsewhere: `run PostgreSQL 15 on ${LOCAL_POSTGRES_TARGET}, letting the postgres role in without a password`,
};

const SKIP_HINT = "INKSTONE_SKIP_SYSTEM_SETUP=1 skips this check";

/** The command a person runs to install the packages: as given when root, through sudo otherwise. */
export function aptInstallCommand(packages: readonly string[], root: boolean): string {
  const sudo = root ? "" : "sudo ";
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(" ")}`;
}

/** Decides, from what the probes found, what to install, what to start and whether to stop. */
export function planSystemSetup(state: SystemState): SetupPlan {
  if (state.skip) return { skipped: true, checks: [], install: [], startPostgres: null, warnings: [], fatal: null };

  const sudo = state.root ? "" : "sudo ";
  const checks: CheckLine[] = [];
  const warnings: string[] = [];
  const needs: Need[] = [];
  // Problems that no package install fixes, each already carrying its fix.
  const blockers: string[] = [];
  let startPostgres: string | null = null;

  const missing = (need: Need, detail: string): void => {
    checks.push({ status: "missing", name: need.name, detail: `${detail} (${need.purpose})` });
    if (state.installed.includes(need.debianPackage)) {
      blockers.push(`${need.debianPackage} was just installed, yet ${need.name} is still missing: ${detail}.`);
    } else {
      needs.push(need);
    }
  };

  const { chromium } = state;
  if (chromium.executable) {
    checks.push({ status: "ok", name: CHROMIUM.name, detail: chromium.path });
  } else if (chromium.fromEnv) {
    checks.push({ status: "missing", name: CHROMIUM.name, detail: `CHROMIUM_PATH=${chromium.path} is not an executable file` });
    const debian = chromium.packageInstalled
      ? `Debian's chromium is installed at ${DEBIAN_CHROMIUM_PATH}: unset CHROMIUM_PATH to use it`
      : `Unset CHROMIUM_PATH to use Debian's chromium (${aptInstallCommand([CHROMIUM.debianPackage], state.root)})`;
    blockers.push(`CHROMIUM_PATH is ${chromium.path}, which is not an executable file. ${debian}, or point CHROMIUM_PATH at a Chromium.`);
  } else if (chromium.packageInstalled) {
    checks.push({ status: "missing", name: CHROMIUM.name, detail: `${chromium.path} is missing although the chromium package is installed` });
    blockers.push(`The chromium package is installed, but ${chromium.path} is missing. Reinstall it: ${sudo}apt-get install --reinstall -y chromium`);
  } else {
    missing(CHROMIUM, `no ${chromium.path}`);
  }

  if (state.cjkFonts !== null) checks.push({ status: "ok", name: CJK_FONTS.name, detail: state.cjkFonts });
  else missing(CJK_FONTS, "fc-list :lang=zh lists no Noto CJK font");

  if (state.xmllintPath === null) {
    missing(XMLLINT, "not on PATH");
  } else {
    checks.push({ status: "ok", name: XMLLINT.name, detail: state.xmllintPath });
    if (!state.xmllintAtTestsPath) {
      warnings.push(`xmllint is at ${state.xmllintPath}, but the sitemap and feed tests run ${TESTS_XMLLINT_PATH}: without it they skip their schema checks${state.ci ? " (under CI they fail)" : ""}.`);
    }
  }

  // A PostgreSQL problem stops CI; elsewhere the PostgreSQL tests skip themselves saying why
  // (tests/support/test-databases.ts), so set-up warns and lets the run go on.
  const postgresProblem = (problem: string, fix = ""): void => {
    const then = fix ? ` ${fix}` : "";
    if (state.ci) blockers.push(`${problem} CI requires PostgreSQL.${then}`);
    else warnings.push(`${problem} The PostgreSQL tests will be skipped.${then}`);
  };
  const { postgres } = state;
  if (postgres.state === "ready") {
    checks.push({ status: "ok", name: POSTGRESQL.name, detail: `${postgres.target} accepts the tests' connection` });
  } else if (postgres.state === "refused") {
    checks.push({ status: "refused", name: POSTGRESQL.name, detail: `${postgres.target} refuses the tests' connection: ${postgres.error}` });
    postgresProblem(
      `PostgreSQL at ${postgres.target} refuses the tests' connection (${postgres.error}).`,
      `The tests log in as postgres without a password: allow it in pg_hba.conf ("host all all 127.0.0.1/32 trust") or set TEST_POSTGRES_URL.`,
    );
  } else if (!postgres.local) {
    checks.push({ status: "missing", name: POSTGRESQL.name, detail: `nothing answers at ${postgres.target} (TEST_POSTGRES_URL)` });
    postgresProblem(`Nothing answers at ${postgres.target}, the server TEST_POSTGRES_URL names; set-up only installs and starts the local ${LOCAL_POSTGRES_TARGET}.`);
  } else if (postgres.clusterVersion !== null) {
    const version = postgres.clusterVersion;
    checks.push({ status: "stopped", name: POSTGRESQL.name, detail: `cluster ${version}/main is installed but nothing answers at ${postgres.target}` });
    if (state.startedPostgres) {
      postgresProblem(`PostgreSQL ${version} was started, yet nothing answers at ${postgres.target} (${postgres.error}); see its log in /var/log/postgresql.`);
    } else if (state.root) {
      startPostgres = version;
    } else {
      postgresProblem(`PostgreSQL ${version} is installed but not running.`, `Start it with: sudo pg_ctlcluster ${version} main start`);
    }
  } else if (state.ci) {
    missing(POSTGRESQL, `nothing answers at ${postgres.target}`);
  } else {
    checks.push({ status: "missing", name: POSTGRESQL.name, detail: `nothing answers at ${postgres.target} (${POSTGRESQL.purpose})` });
    const fix = state.apt ? `To run them: ${aptInstallCommand([POSTGRESQL.debianPackage], state.root)}` : `To run them, ${POSTGRESQL.elsewhere}.`;
    warnings.push(`No PostgreSQL answers at ${postgres.target}, so the PostgreSQL tests will be skipped. ${fix}`);
  }

  const packages = needs.map((need) => need.debianPackage);
  if (needs.length > 0 && !state.apt) {
    const list = needs.map((need) => `    - ${need.name} (${need.purpose}): ${need.elsewhere}`).join("\n");
    blockers.push(`This is not a Debian system (no apt-get and dpkg), so set-up cannot install what the tests need:\n${list}`);
  } else if (needs.length > 0 && (!state.root || blockers.length > 0)) {
    const list = needs.map((need) => `${need.debianPackage} (${need.purpose})`).join(", ");
    blockers.push(`Missing Debian packages: ${list}. Install them with:\n      ${aptInstallCommand(packages, state.root)}`);
  }

  if (blockers.length > 0) {
    const fatal = `The tests cannot run on this machine yet:\n${blockers.map((blocker) => `  - ${blocker}`).join("\n")}\nThen run npm test again (${SKIP_HINT}).`;
    return { skipped: false, checks, install: [], startPostgres: null, warnings, fatal };
  }
  return { skipped: false, checks, install: packages, startPostgres, warnings, fatal: null };
}
