// A real HTTP server on 127.0.0.1 standing in for the remote hosts articles link images from.
// Each path answers what the test last told it to, so one server can be offline, slow, broken and
// then healthy for the same URLs.
import http from "node:http";
import net, { type AddressInfo } from "node:net";

export type LoopbackAnswer =
  | {
      status: number;
      body?: Buffer | string;
      contentType?: string;
      /** Wait this long before answering (the socket stays open, silent). */
      delayMs?: number;
    }
  | { redirectTo: string; status?: 301 | 302 | 303 | 307 | 308 };

export interface LoopbackImageServer {
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The URL of a path on this server; `host` swaps the address for a name such as "localhost". */
  url(pathname: string, host?: string): string;
  /** Sets what a path answers from now on; paths never set answer 404. */
  answer(pathname: string, answer: LoopbackAnswer): void;
  /** Forgets every answer and request count. */
  reset(): void;
  /** Requests received for a path (query strings included in the path). */
  hits(pathname: string): number;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1, on `port` when given (to bring a refused address back to life). */
export async function startLoopbackImageServer(port = 0): Promise<LoopbackImageServer> {
  const answers = new Map<string, LoopbackAnswer>();
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((request, response) => {
    const pathname = request.url ?? "/";
    hits.set(pathname, (hits.get(pathname) ?? 0) + 1);
    const answer = answers.get(pathname) ?? { status: 404, body: "not found" };
    if ("redirectTo" in answer) {
      response.writeHead(answer.status ?? 302, { location: answer.redirectTo }).end();
      return;
    }
    const send = () => {
      if (response.destroyed) return;
      const body = typeof answer.body === "string" ? Buffer.from(answer.body) : (answer.body ?? Buffer.alloc(0));
      const headers: http.OutgoingHttpHeaders = { "content-length": body.byteLength };
      if (answer.contentType) headers["content-type"] = answer.contentType;
      response.writeHead(answer.status, headers).end(body);
    };
    if (!answer.delayMs) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, answer.delayMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${actualPort}`;

  return {
    port: actualPort,
    origin,
    url: (pathname, host = "127.0.0.1") => `http://${host}:${actualPort}${pathname}`,
    answer: (pathname, answer) => {
      answers.set(pathname, answer);
    },
    reset: () => {
      answers.clear();
      hits.clear();
    },
    hits: (pathname) => hits.get(pathname) ?? 0,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port nothing listens on (bound, then released), so connecting to it is refused. */
export async function findClosedLoopbackPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
