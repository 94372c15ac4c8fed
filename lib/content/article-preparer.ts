import { createHash, randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { type PrepareInput, type PrepareResult, type PrepareTask, runPrepareTasks } from "./prepare-article";

/**
 * Turns files into prepared articles. Parsing and rendering are pure CPU work, so a long ingest
 * hands them to worker threads and keeps the main thread for the database; tests and short runs
 * prepare in the calling thread.
 */
export interface ArticlePreparer {
  prepare(tasks: PrepareTask[]): Promise<PrepareResult[]>;
  close(): Promise<void>;
}

/** Prepares in the calling thread, reading with the given function (several files at a time). */
export function createInThreadPreparer(readFile: (filePath: string) => Promise<Uint8Array>): ArticlePreparer {
  return {
    async prepare(tasks) {
      // Reads overlap in libuv's thread pool; parsing stays in order on this thread.
      const inputs = await Promise.all(
        tasks.map((task) =>
          readFile(task.filePath).then(
            (bytes): PrepareInput => ({ task, bytes }),
            (readError: unknown): PrepareInput => ({ task, readError }),
          ),
        ),
      );
      return runPrepareTasks(inputs);
    },
    close: async () => undefined,
  };
}

/** What a prepare worker receives and answers: the results come back in parts, the last one `done`. */
export interface WorkerRequest {
  id: number;
  tasks: PrepareTask[];
}
export interface WorkerResponse {
  id: number;
  results: PrepareResult[];
  done: boolean;
}

/**
 * Articles per answer from a worker. Each part is copied out as soon as it is ready, so a worker
 * holds a few articles at a time instead of a whole batch: what survives a garbage collection is
 * what it costs, and a batch of 500 articles is ~20 MB. Over 2,500 synthetic articles, parts of 20
 * instead of 50 halved what the young generation copied (92 MB → 48 MB) and cut what reached the
 * old one from 38 MB to 12 MB, taking ~40% off the worker's garbage-collection time.
 */
const PART_SIZE = 20;

/** Runs one request in the current thread, handing each part to `send`; the worker entry point is this plus messaging. */
export function handleWorkerRequest(request: WorkerRequest, send: (response: WorkerResponse) => void): void {
  for (let start = 0; start < request.tasks.length || start === 0; start += PART_SIZE) {
    const part = request.tasks.slice(start, start + PART_SIZE);
    const inputs = part.map((task): PrepareInput => {
      try {
        return { task, bytes: readFileSync(task.filePath) };
      } catch (readError) {
        return { task, readError };
      }
    });
    send({ id: request.id, results: runPrepareTasks(inputs), done: start + PART_SIZE >= request.tasks.length });
  }
}

/**
 * The worker's code as one plain ES module: our TypeScript bundled by esbuild, packages left for
 * Node to load. A worker thread does not inherit tsx's loader; registering it again in each worker
 * and compiling every module there cost ~0.7 s of CPU per worker, a large part of a short ingest.
 * The file is named by its content and renamed into place, so concurrent ingests (or test files)
 * never load a half-written bundle. It lives under node_modules so the packages resolve from it.
 */
async function bundleWorker(): Promise<URL> {
  const { build } = await import("esbuild");
  const entry = fileURLToPath(new URL("./prepare-article-worker.ts", import.meta.url));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  const folder = path.resolve(path.dirname(entry), "../../node_modules/.cache/inkstone");
  const file = path.join(folder, `prepare-article-worker-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(folder, { recursive: true });
    const temporary = `${file}.${process.pid}.${randomUUID()}`;
    writeFileSync(temporary, code);
    renameSync(temporary, file);
  }
  return pathToFileURL(file);
}

/**
 * How many prepare workers a long ingest runs: one per core. The main thread only writes (about a
 * fifth of a run's CPU), so it shares a core rather than keeping one for itself.
 */
export function countPrepareWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Prepares in `count` worker threads, splitting each call's tasks between them. */
export function createWorkerPreparer(count: number): ArticlePreparer {
  const pending = new Map<number, { results: PrepareResult[]; resolve(results: PrepareResult[]): void; reject(error: Error): void }>();
  let nextId = 0;
  const listen = (worker: Worker) => {
    worker.on("message", (response: WorkerResponse) => {
      const waiter = pending.get(response.id);
      if (!waiter) return;
      waiter.results.push(...response.results);
      if (!response.done) return;
      waiter.resolve(waiter.results);
      pending.delete(response.id);
    });
    worker.on("error", (error) => {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
    return worker;
  };
  const started = bundleWorker().then((url) => Array.from({ length: count }, () => listen(new Worker(url))));
  // A failed bundle surfaces from prepare() and close(); until then it is not "unhandled".
  started.catch(() => undefined);
  const send = (worker: Worker, tasks: PrepareTask[]) =>
    new Promise<PrepareResult[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { results: [], resolve, reject });
      worker.postMessage({ id, tasks } satisfies WorkerRequest);
    });
  return {
    async prepare(tasks) {
      const workers = await started;
      const share = Math.ceil(tasks.length / workers.length);
      const responses = await Promise.all(
        workers.map((worker, index) => send(worker, tasks.slice(index * share, (index + 1) * share))),
      );
      return responses.flat();
    },
    async close() {
      const workers = await started.catch(() => []);
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
