// Pages under load: requests/s and p50/p99 latency for the home page and an article page served by
// `next start`, beside two figures from the same run: the same HTML bytes served from memory by a
// bare node:http server (the ceiling for any Node server), and the article with the page cache
// off (PAGE_CACHE=off: every request renders and reads the database).
//
// npm run bench:pages   (BENCH_PAGE_SECONDS=10, BENCH_PAGE_CONNECTIONS=32)
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import autocannon from "autocannon";
import { repoRoot } from "../support/test-databases";
import { runWhenInvoked } from "./run-directly";

const seconds = Number(process.env.BENCH_PAGE_SECONDS ?? 10);
const connections = Number(process.env.BENCH_PAGE_CONNECTIONS ?? 32);
const nextPort = 3401;
const barePort = 3402;
const articlePath = "/articles/xun-fei-xinghuo-da-moxing-shengji-3-0-liuqingfeng-wanquan-jiyu-guochan-suanli";
const benchEnv = {
  ...process.env,
  DATABASE_URL: "file:./data/bench/inkstone.db",
  MEDIA_DIR: "data/bench/media",
  MEDIA_REMOTE_FETCH: "off",
  NEXT_TELEMETRY_DISABLED: "1",
};

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export interface PageBenchResult {
  seconds: number;
  connections: number;
  home: LoadFigures;
  homeBare: LoadFigures;
  article: LoadFigures;
  articleBare: LoadFigures;
  articleUncached: LoadFigures;
}

async function load(url: string): Promise<LoadFigures> {
  const result = await autocannon({ url, connections, duration: seconds });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function startNext(extraEnv: Record<string, string>): Promise<ChildProcess> {
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(nextPort)], {
    cwd: repoRoot,
    env: { ...benchEnv, ...extraEnv },
    stdio: "ignore",
  });
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${nextPort}/`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.kill();
  throw new Error("next start did not answer within 20 s");
}

async function stop(server: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

async function withBareServer<T>(pages: Map<string, Buffer>, run: () => Promise<T>): Promise<T> {
  const server = http.createServer((request, response) => {
    const body = pages.get(request.url ?? "");
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(barePort, "127.0.0.1", resolve));
  try {
    return await run();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

export async function runPageBench(): Promise<PageBenchResult> {
  rmSync(path.join(repoRoot, "data/bench"), { recursive: true, force: true });
  const run = (args: string[]) => execFileSync(args[0]!, args.slice(1), { cwd: repoRoot, env: benchEnv, stdio: "ignore" });
  run([process.execPath, "node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "lib/content/ingest-cli.ts", "content"]);
  run([process.execPath, "node_modules/next/dist/bin/next", "build"]);

  const cachedServer = await startNext({});
  let home: LoadFigures;
  let article: LoadFigures;
  const pages = new Map<string, Buffer>();
  try {
    for (const page of ["/", articlePath]) {
      await fetch(`http://127.0.0.1:${nextPort}${page}`);
      pages.set(page, Buffer.from(await (await fetch(`http://127.0.0.1:${nextPort}${page}`)).arrayBuffer()));
    }
    home = await load(`http://127.0.0.1:${nextPort}/`);
    article = await load(`http://127.0.0.1:${nextPort}${articlePath}`);
  } finally {
    await stop(cachedServer);
  }
  const { homeBare, articleBare } = await withBareServer(pages, async () => ({
    homeBare: await load(`http://127.0.0.1:${barePort}/`),
    articleBare: await load(`http://127.0.0.1:${barePort}${articlePath}`),
  }));
  const uncachedServer = await startNext({ PAGE_CACHE: "off" });
  let articleUncached: LoadFigures;
  try {
    articleUncached = await load(`http://127.0.0.1:${nextPort}${articlePath}`);
  } finally {
    await stop(uncachedServer);
  }
  return { seconds, connections, home, homeBare, article, articleBare, articleUncached };
}

export function printPageBench(result: PageBenchResult): void {
  const line = (label: string, figures: LoadFigures) =>
    `  ${label.padEnd(44)} ${Math.round(figures.requestsPerSecond).toLocaleString("en-US").padStart(7)} req/s  p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms  errors ${figures.errors}`;
  console.log(`\nPages: ${result.connections} connections, ${result.seconds} s each, next start on SQLite`);
  console.log(line("home, cached (next start)", result.home));
  console.log(line("home, same bytes from a bare node:http", result.homeBare));
  console.log(`    ratio to bare: ${(result.home.requestsPerSecond / result.homeBare.requestsPerSecond).toFixed(3)}`);
  console.log(line("article, cached (next start)", result.article));
  console.log(line("article, same bytes from a bare node:http", result.articleBare));
  console.log(line("article, page cache off (PAGE_CACHE=off)", result.articleUncached));
  console.log(`    ratio to bare: ${(result.article.requestsPerSecond / result.articleBare.requestsPerSecond).toFixed(3)}; cached over uncached: ${(result.article.requestsPerSecond / result.articleUncached.requestsPerSecond).toFixed(1)}x`);
}

runWhenInvoked(import.meta.url, () => runPageBench(), printPageBench);
