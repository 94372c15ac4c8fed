import { describe, expect, it } from "vitest";
import { type SystemProbe, planSystemSetup } from "../../support/system-requirements";

/** A Debian machine, as root, outside CI, with everything the suite needs present and running. */
function probe(overrides: Partial<SystemProbe> = {}): SystemProbe {
  return {
    skip: false,
    ci: false,
    root: true,
    apt: true,
    chromium: { path: "/usr/bin/chromium", fromEnv: false, executable: true, packageInstalled: true },
    cjkFonts: "Noto Sans CJK SC (fc-list :lang=zh)",
    xmllintPath: "/usr/bin/xmllint",
    xmllintAtTestsPath: true,
    postgres: { target: "127.0.0.1:5432", local: true, state: "ready", error: "", clusterVersion: null },
    installed: [],
    startedPostgres: false,
    ...overrides,
  };
}

const noChromium = { path: "/usr/bin/chromium", fromEnv: false, executable: false, packageInstalled: false };
const missingPackages = { chromium: noChromium, cjkFonts: null, xmllintPath: null, xmllintAtTestsPath: false };
const postgresDown = { target: "127.0.0.1:5432", local: true, state: "down", error: "connect ECONNREFUSED 127.0.0.1:5432", clusterVersion: null } as const;
const postgresStopped = { ...postgresDown, clusterVersion: "15" };

describe("planSystemSetup", () => {
  it("does nothing when everything is present, with one ok line per thing checked", () => {
    const plan = planSystemSetup(probe());
    expect(plan).toMatchObject({ skipped: false, install: [], startPostgres: null, warnings: [], fatal: null });
    expect(plan.checks.map((check) => [check.name, check.status])).toEqual([
      ["Chromium", "ok"],
      ["Noto CJK fonts", "ok"],
      ["xmllint", "ok"],
      ["PostgreSQL", "ok"],
    ]);
  });

  it("installs the missing packages as root on Debian, naming each as missing", () => {
    const plan = planSystemSetup(probe(missingPackages));
    expect(plan.fatal).toBeNull();
    expect(plan.install).toEqual(["chromium", "fonts-noto-cjk", "libxml2-utils"]);
    expect(plan.checks.filter((check) => check.status === "missing").map((check) => check.name)).toEqual(["Chromium", "Noto CJK fonts", "xmllint"]);
  });

  it("installs only what is missing", () => {
    expect(planSystemSetup(probe({ cjkFonts: null })).install).toEqual(["fonts-noto-cjk"]);
  });

  it("stops with the exact sudo command when not root", () => {
    const plan = planSystemSetup(probe({ ...missingPackages, root: false }));
    expect(plan.install).toEqual([]);
    expect(plan.fatal).toContain("sudo apt-get install -y chromium fonts-noto-cjk libxml2-utils");
    expect(plan.fatal).toContain("sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk libxml2-utils");
    expect(plan.fatal).toContain("fonts-noto-cjk (Chinese glyphs on the generated social-image card)");
    expect(plan.fatal).toContain("INKSTONE_SKIP_SYSTEM_SETUP=1");
  });

  it("names only the missing packages in the sudo command", () => {
    const plan = planSystemSetup(probe({ root: false, xmllintPath: null, xmllintAtTestsPath: false }));
    expect(plan.fatal).toMatch(/sudo apt-get install -y libxml2-utils$/m);
  });

  it("on a system without apt-get, says what is missing and what for, and stops even as root", () => {
    const plan = planSystemSetup(probe({ ...missingPackages, apt: false }));
    expect(plan.install).toEqual([]);
    expect(plan.fatal).toContain("not a Debian system");
    expect(plan.fatal).toContain("Chromium (the end-to-end and JSON-LD tests' browser): install Chromium and set CHROMIUM_PATH");
    expect(plan.fatal).toContain("Noto CJK fonts (Chinese glyphs");
    expect(plan.fatal).toContain("xmllint (the schema checks");
    expect(plan.fatal).not.toContain("apt-get install");
  });

  it("lets a system without apt-get through when nothing is missing", () => {
    expect(planSystemSetup(probe({ apt: false, root: false })).fatal).toBeNull();
  });

  describe("PostgreSQL", () => {
    it("starts an installed cluster that is not running, as root", () => {
      const plan = planSystemSetup(probe({ postgres: postgresStopped }));
      expect(plan).toMatchObject({ install: [], startPostgres: "15", fatal: null });
      expect(plan.checks.at(-1)).toMatchObject({ name: "PostgreSQL", status: "stopped" });
    });

    it("prints the start command when not root: fatal under CI, a warning elsewhere", () => {
      const ci = planSystemSetup(probe({ postgres: postgresStopped, root: false, ci: true }));
      expect(ci.startPostgres).toBeNull();
      expect(ci.fatal).toContain("sudo pg_ctlcluster 15 main start");

      const local = planSystemSetup(probe({ postgres: postgresStopped, root: false }));
      expect(local.fatal).toBeNull();
      expect(local.warnings.join("\n")).toContain("sudo pg_ctlcluster 15 main start");
      expect(local.warnings.join("\n")).toContain("The PostgreSQL tests will be skipped");
    });

    it("under CI installs postgresql when it is absent, with the other packages", () => {
      const plan = planSystemSetup(probe({ ...missingPackages, postgres: postgresDown, ci: true }));
      expect(plan.fatal).toBeNull();
      expect(plan.install).toEqual(["chromium", "fonts-noto-cjk", "libxml2-utils", "postgresql"]);
    });

    it("under CI and not root, names postgresql in the sudo command", () => {
      const plan = planSystemSetup(probe({ postgres: postgresDown, ci: true, root: false }));
      expect(plan.fatal).toContain("sudo apt-get install -y postgresql");
    });

    it("outside CI warns that the PostgreSQL tests will be skipped and goes on, installing nothing for it", () => {
      for (const root of [true, false]) {
        const plan = planSystemSetup(probe({ postgres: postgresDown, root }));
        expect(plan).toMatchObject({ install: [], startPostgres: null, fatal: null });
        expect(plan.warnings).toHaveLength(1);
        expect(plan.warnings[0]).toContain("PostgreSQL tests will be skipped");
        expect(plan.warnings[0]).toContain(`${root ? "" : "sudo "}apt-get install -y postgresql`);
      }
    });

    it("reports a server that refuses the tests' passwordless login", () => {
      const refused = { ...postgresDown, state: "refused", error: 'password authentication failed for user "postgres"' } as const;
      expect(planSystemSetup(probe({ postgres: refused, ci: true })).fatal).toContain("host all all 127.0.0.1/32 trust");
      const local = planSystemSetup(probe({ postgres: refused }));
      expect(local.fatal).toBeNull();
      expect(local.warnings[0]).toContain("password authentication failed");
    });

    it("neither installs nor starts anything for a server TEST_POSTGRES_URL names elsewhere", () => {
      const remote = { ...postgresDown, target: "db.example.internal:5432", local: false };
      const plan = planSystemSetup(probe({ postgres: remote, ci: true }));
      expect(plan.install).toEqual([]);
      expect(plan.fatal).toContain("db.example.internal:5432");
    });

    it("gives up when a cluster it started still does not answer", () => {
      const plan = planSystemSetup(probe({ postgres: postgresStopped, startedPostgres: true, ci: true }));
      expect(plan.startPostgres).toBeNull();
      expect(plan.fatal).toContain("PostgreSQL 15 was started");
    });
  });

  describe("Chromium", () => {
    it("never installs over a CHROMIUM_PATH that points elsewhere, and says how to use Debian's", () => {
      const chromium = { path: "/nonexistent", fromEnv: true, executable: false, packageInstalled: true };
      const plan = planSystemSetup(probe({ chromium }));
      expect(plan.install).toEqual([]);
      expect(plan.fatal).toContain("CHROMIUM_PATH is /nonexistent");
      expect(plan.fatal).toContain("unset CHROMIUM_PATH to use it");
    });

    it("asks for a reinstall when the package is installed but its binary is gone", () => {
      const chromium = { ...noChromium, packageInstalled: true };
      const plan = planSystemSetup(probe({ chromium, root: false }));
      expect(plan.install).toEqual([]);
      expect(plan.fatal).toContain("sudo apt-get install --reinstall -y chromium");
    });

    it("still lists the other missing packages when it has to stop for CHROMIUM_PATH", () => {
      const chromium = { path: "/opt/chrome", fromEnv: true, executable: false, packageInstalled: false };
      const plan = planSystemSetup(probe({ chromium, cjkFonts: null }));
      expect(plan.install).toEqual([]);
      expect(plan.fatal).toContain("apt-get update && apt-get install -y fonts-noto-cjk");
    });
  });

  it("stops instead of installing a package again that did not help", () => {
    const plan = planSystemSetup(probe({ cjkFonts: null, installed: ["fonts-noto-cjk"] }));
    expect(plan.install).toEqual([]);
    expect(plan.fatal).toContain("fonts-noto-cjk was just installed, yet Noto CJK fonts is still missing");
  });

  it("warns when xmllint is on PATH but not where the tests run it", () => {
    const plan = planSystemSetup(probe({ xmllintPath: "/usr/local/bin/xmllint", xmllintAtTestsPath: false }));
    expect(plan.fatal).toBeNull();
    expect(plan.warnings[0]).toContain("/usr/bin/xmllint");
  });

  it("skips everything with INKSTONE_SKIP_SYSTEM_SETUP", () => {
    expect(planSystemSetup({ skip: true })).toEqual({ skipped: true, checks: [], install: [], startPostgres: null, warnings: [], fatal: null });
  });
});
