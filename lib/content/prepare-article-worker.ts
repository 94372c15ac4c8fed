// Worker thread entry for createWorkerPreparer: parse and render off the main thread.
import { parentPort } from "node:worker_threads";
import { handleWorkerRequest, type WorkerRequest } from "./article-preparer";

parentPort?.on("message", (request: WorkerRequest) => {
  handleWorkerRequest(request, (response) => parentPort?.postMessage(response));
});
