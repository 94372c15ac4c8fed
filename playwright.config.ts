import { defineConfig, devices } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./tests/support/debian-chromium";

const port = Number(process.env.E2E_PORT ?? 3217);
export const e2eDatabaseFile = "data/e2e/inkstone.db";

// The end-to-end portal runs on its own database and media folder, rebuilt from content/ each run.
export const e2eEnv = {
  DATABASE_URL: `file:./${e2eDatabaseFile}`,
  REVALIDATE_SECRET: "e2e-revalidation-secret-0123456789",
  MEDIA_DIR: "data/e2e/media",
  // The seed report's images live on thepaper's CDN: the suite shows them as offline everywhere.
  MEDIA_REMOTE_FETCH: "off",
  SITE_URL: `http://127.0.0.1:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
};

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: "list",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "debian-chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
      },
    },
  ],
  webServer: {
    // `exec` so the server is the process Playwright stops, not a grandchild that outlives it.
    command: `rm -rf data/e2e && npm run --silent ingest -- content && node node_modules/tsx/dist/cli.mjs tests/support/e2e-fixtures.ts && npx next build && exec node node_modules/next/dist/bin/next start -H 127.0.0.1 -p ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 240_000,
    env: e2eEnv,
    stdout: "ignore",
    stderr: "pipe",
  },
});
