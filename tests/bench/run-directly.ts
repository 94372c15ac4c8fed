import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Runs a benchmark and prints its result when its file is the command itself (`npm run
 * bench:ingest`), not when run-all.ts imports it; exits 1 with the error on a failure.
 */
export function runWhenInvoked<T>(moduleUrl: string, run: () => Promise<T>, print: (result: T) => void): void {
  const command = process.argv[1];
  if (command === undefined || moduleUrl !== pathToFileURL(path.resolve(command)).href) return;
  run().then(
    (result) => {
      print(result);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
