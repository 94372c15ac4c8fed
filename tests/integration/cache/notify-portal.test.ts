import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifyPortal } from "@/lib/notify-portal";

const secret = "a-test-secret-of-enough-length";
const received: Array<{ authorization: string | undefined; body: string }> = [];
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ authorization: request.headers.authorization, body });
      const ok = request.url === "/api/revalidate" && request.headers.authorization === `Bearer ${secret}`;
      response.writeHead(ok ? 200 : 401, { "content-type": "application/json" }).end(ok ? "{}" : '{"error":"no"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("notifying a running portal", () => {
  it("posts the tags with the shared secret", async () => {
    const result = await notifyPortal(["articles", "article:x"], { REVALIDATE_SECRET: secret, PORTAL_URL: url, SITE_URL: "http://unused.invalid" });
    expect(result).toEqual({ sent: true, tags: 2 });
    expect(received.at(-1)).toEqual({ authorization: `Bearer ${secret}`, body: JSON.stringify({ tags: ["articles", "article:x"] }) });
  });

  it("says why when the portal refuses, is not running, or no secret is set, and never throws", async () => {
    const refused = await notifyPortal(["articles"], { REVALIDATE_SECRET: "another-secret-of-length", PORTAL_URL: url, SITE_URL: url });
    expect(refused).toEqual({ sent: false, reason: expect.stringMatching(/answered 401/) });
    const down = await notifyPortal(["articles"], { REVALIDATE_SECRET: secret, PORTAL_URL: "http://127.0.0.1:9", SITE_URL: url });
    expect(down).toEqual({ sent: false, reason: expect.stringMatching(/could not reach http:\/\/127\.0\.0\.1:9\/api\/revalidate/) });
    const count = received.length;
    const unset = await notifyPortal(["articles"], { REVALIDATE_SECRET: undefined, PORTAL_URL: url, SITE_URL: url });
    expect(unset).toEqual({ sent: false, reason: expect.stringMatching(/REVALIDATE_SECRET is not set/) });
    expect(received.length).toBe(count);
  });
});
