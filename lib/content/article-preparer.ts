import { readFileSync } from "node:fs";
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

/** What a prepare worker receives and answers. */
export interface WorkerRequest {
  id: number;
  tasks: PrepareTask[];
}
export interface WorkerResponse {
  id: number;
  results: PrepareResult[];
}

/** Runs one request in the current thread; the worker entry point is only this plus messaging. */
export function handleWorkerRequest(request: WorkerRequest): WorkerResponse {
  const inputs = request.tasks.map((task): PrepareInput => {
    try {
      return { task, bytes: readFileSync(task.filePath) };
    } catch (readError) {
      return { task, readError };
    }
  });
  return { id: request.id, results: runPrepareTasks(inputs) };
}

/**
 * Prepares in `count` worker threads, splitting each call's tasks between them. The worker file is
 * TypeScript: the CLI and benchmarks run through tsx, and a worker thread does not inherit tsx's
 * loader, so it is registered again in each worker.
 */
export function createWorkerPreparer(count: number): ArticlePreparer {
  const workerUrl = new URL("./prepare-article-worker.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
    .then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); });`;
  const workers = Array.from({ length: count }, () => new Worker(bootstrap, { eval: true }));
  const pending = new Map<number, { resolve(response: WorkerResponse): void; reject(error: Error): void }>();
  let nextId = 0;
  for (const worker of workers) {
    worker.on("message", (response: WorkerResponse) => {
      pending.get(response.id)?.resolve(response);
      pending.delete(response.id);
    });
    worker.on("error", (error) => {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  }
  const send = (worker: Worker, tasks: PrepareTask[]) =>
    new Promise<WorkerResponse>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, tasks } satisfies WorkerRequest);
    });
  return {
    async prepare(tasks) {
      const share = Math.ceil(tasks.length / workers.length);
      const responses = await Promise.all(
        workers.map((worker, index) => send(worker, tasks.slice(index * share, (index + 1) * share))),
      );
      return responses.flatMap((response) => response.results);
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
