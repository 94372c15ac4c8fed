import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  classifyAddress,
  fetchRemoteImage,
  type FetchRemoteImageResult,
  type LookupAllAddresses,
} from "@/lib/media/fetch-remote";

let server: http.Server;
let port: number;
let origin: string;
let jpeg: Buffer;
let lastHostHeader: string | undefined;
let streamedBytes = 0;

// Only the names below resolve: a request that did its own DNS instead of using the checked
// address would fail with ENOTFOUND.
const testLookup: LookupAllAddresses = async (hostname) => {
  const table: Record<string, Array<{ address: string; family: 4 | 6 }>> = {
    "images.test": [{ address: "127.0.0.1", family: 4 }],
    "internal.test": [{ address: "127.0.0.1", family: 4 }],
    "metadata.test": [{ address: "169.254.169.254", family: 4 }],
    "mixed.test": [
      { address: "93.184.215.14", family: 4 },
      { address: "10.1.2.3", family: 4 },
    ],
    "mapped.test": [{ address: "::ffff:127.0.0.1", family: 6 }],
  };
  const addresses = table[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  return addresses;
};

function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  lastHostHeader = request.headers.host;
  const url = new URL(request.url ?? "/", "http://localhost");
  const redirect = (location: string, status = 302) => {
    response.writeHead(status, { location });
    response.end();
  };
  switch (url.pathname) {
    case "/photo.jpg":
      response.writeHead(200, { "content-type": "image/jpeg", "content-length": jpeg.byteLength });
      response.end(jpeg);
      return;
    case "/gzipped.jpg":
      response.writeHead(200, { "content-type": "image/jpeg", "content-encoding": "gzip" });
      response.end(zlib.gzipSync(jpeg));
      return;
    case "/gzip-bomb":
      response.writeHead(200, { "content-type": "image/jpeg", "content-encoding": "gzip" });
      response.end(zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024)));
      return;
    case "/missing.jpg":
      response.writeHead(404).end("not here");
      return;
    case "/gone.jpg":
      response.writeHead(410).end("gone");
      return;
    case "/broken.jpg":
      response.writeHead(503).end("try later");
      return;
    case "/slow.jpg":
      setTimeout(() => {
        if (!response.destroyed) response.writeHead(200).end(jpeg);
      }, 5_000);
      return;
    case "/drip.jpg": {
      response.writeHead(200, { "content-type": "image/jpeg" });
      const timer = setInterval(() => {
        if (response.destroyed) clearInterval(timer);
        else response.write(Buffer.alloc(16));
      }, 50);
      response.on("close", () => clearInterval(timer));
      return;
    }
    case "/loop":
      redirect("/loop");
      return;
    case "/chain": {
      const left = Number(url.searchParams.get("left") ?? "0");
      if (left > 0) redirect(`/chain?left=${left - 1}`, 301);
      else redirect("/photo.jpg", 307);
      return;
    }
    case "/to-private":
      redirect("http://10.0.0.5/photo.jpg");
      return;
    case "/to-metadata":
      redirect("http://169.254.169.254/latest/meta-data/iam/security-credentials/");
      return;
    case "/to-internal-name":
      redirect(`http://internal.test:${port}/photo.jpg`);
      return;
    case "/to-file":
      redirect("file:///etc/passwd");
      return;
    case "/declared-huge":
      response.writeHead(200, { "content-type": "image/jpeg", "content-length": 21 * 1024 * 1024 });
      response.write(Buffer.alloc(1024));
      return;
    case "/endless": {
      response.writeHead(200, { "content-type": "image/jpeg" });
      const chunk = Buffer.alloc(64 * 1024, 0xaa);
      const pump = () => {
        while (!response.destroyed && streamedBytes < 256 * 1024 * 1024) {
          streamedBytes += chunk.byteLength;
          if (!response.write(chunk)) {
            response.once("drain", pump);
            return;
          }
        }
        response.end();
      };
      pump();
      return;
    }
    default:
      response.writeHead(404).end();
  }
}

beforeAll(async () => {
  jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3366cc" } }).jpeg().toBuffer();
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const allowLoopback = { allowHosts: ["127.0.0.1"], lookup: testLookup };

function expectFailure(result: FetchRemoteImageResult): { reason: string; retryable: boolean } {
  if (result.ok) throw new Error(`expected a failure, got ${result.bytes.byteLength} bytes from ${result.finalUrl}`);
  return result;
}

describe("fetchRemoteImage from an allowed host", () => {
  it("returns the bytes, content type and final URL", async () => {
    const result = await fetchRemoteImage(`${origin}/photo.jpg`, allowLoopback);
    expect(result).toEqual({ ok: true, bytes: jpeg, contentType: "image/jpeg", finalUrl: `${origin}/photo.jpg` });
  });

  it("connects to the address it checked, sending the original Host", async () => {
    const result = await fetchRemoteImage(`http://images.test:${port}/photo.jpg`, {
      allowHosts: ["images.test"],
      lookup: testLookup,
    });
    expect(result.ok).toBe(true);
    expect(lastHostHeader).toBe(`images.test:${port}`);
  });

  it("matches allowed host names regardless of case and trailing dot", async () => {
    const result = await fetchRemoteImage(`http://IMAGES.test.:${port}/photo.jpg`, {
      allowHosts: ["Images.Test"],
      lookup: testLookup,
    });
    expect(result.ok).toBe(true);
  });

  it("follows up to maxRedirects redirects and reports where it ended", async () => {
    const result = await fetchRemoteImage(`${origin}/chain?left=2`, allowLoopback);
    expect(result.ok && result.finalUrl).toBe(`${origin}/photo.jpg`);
  });

  it("decodes a gzip body a server sent anyway", async () => {
    const result = await fetchRemoteImage(`${origin}/gzipped.jpg`, allowLoopback);
    expect(result.ok && result.bytes.equals(jpeg)).toBe(true);
  });
});

describe("fetchRemoteImage failures", () => {
  it("reports a 404 naming the URL, worth retrying later", async () => {
    const failure = expectFailure(await fetchRemoteImage(`${origin}/missing.jpg`, allowLoopback));
    expect(failure).toEqual({ ok: false, reason: `HTTP 404 from ${origin}/missing.jpg`, retryable: true });
  });

  it("treats 410 Gone as final and 503 as retryable", async () => {
    expect(expectFailure(await fetchRemoteImage(`${origin}/gone.jpg`, allowLoopback)).retryable).toBe(false);
    const unavailable = expectFailure(await fetchRemoteImage(`${origin}/broken.jpg`, allowLoopback));
    expect(unavailable).toMatchObject({ reason: `HTTP 503 from ${origin}/broken.jpg`, retryable: true });
  });

  it("gives up on a server that does not answer in time", async () => {
    const started = performance.now();
    const failure = expectFailure(await fetchRemoteImage(`${origin}/slow.jpg`, { ...allowLoopback, timeoutMs: 300 }));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(failure).toEqual({ ok: false, reason: `timed out after 300 ms fetching ${origin}/slow.jpg`, retryable: true });
  });

  it("gives up on a body that trickles in forever", async () => {
    const started = performance.now();
    const failure = expectFailure(await fetchRemoteImage(`${origin}/drip.jpg`, { ...allowLoopback, timeoutMs: 400 }));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(failure.reason).toMatch(/^timed out after 400 ms/);
  });

  it("stops a redirect loop, and leaves it to a later try (a misconfigured CDN gets fixed)", async () => {
    const failure = expectFailure(await fetchRemoteImage(`${origin}/loop`, allowLoopback));
    expect(failure).toEqual({ ok: false, reason: `too many redirects (4) starting at ${origin}/loop`, retryable: true });
  });

  it("refuses a body whose Content-Length is over the limit without reading it", async () => {
    const failure = expectFailure(await fetchRemoteImage(`${origin}/declared-huge`, allowLoopback));
    expect(failure.reason).toBe(`larger than 20 MiB (Content-Length ${21 * 1024 * 1024}) at ${origin}/declared-huge`);
    expect(failure.retryable).toBe(false);
  });

  it("stops downloading a body without Content-Length once it passes the limit", async () => {
    streamedBytes = 0;
    const failure = expectFailure(await fetchRemoteImage(`${origin}/endless`, { ...allowLoopback, maxBytes: 1024 * 1024 }));
    expect(failure.reason).toBe(`larger than 1 MiB at ${origin}/endless`);
    // Socket buffers let the server get somewhat ahead, but nowhere near the 256 MiB it offers.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(streamedBytes).toBeLessThan(32 * 1024 * 1024);
  });

  it("applies the size limit to decompressed bytes (gzip bomb)", async () => {
    const failure = expectFailure(await fetchRemoteImage(`${origin}/gzip-bomb`, { ...allowLoopback, maxBytes: 1024 * 1024 }));
    expect(failure.reason).toBe(`larger than 1 MiB at ${origin}/gzip-bomb`);
  });

  it("reports a host that does not resolve as retryable", async () => {
    const failure = expectFailure(await fetchRemoteImage("http://nowhere.test/a.jpg", { allowHosts: [], lookup: testLookup }));
    expect(failure.reason).toContain("could not resolve nowhere.test");
    expect(failure.retryable).toBe(true);
  });

  it("fetches only http and https", async () => {
    for (const url of ["file:///etc/passwd", "ftp://127.0.0.1/a.jpg", "data:image/png;base64,iVBORw0KGgo=", "javascript:alert(1)", "gopher://127.0.0.1:6379/_INFO"]) {
      const failure = expectFailure(await fetchRemoteImage(url, allowLoopback));
      expect(failure.reason, url).toMatch(/^only http and https URLs are fetched/);
      expect(failure.retryable).toBe(false);
    }
    expect(expectFailure(await fetchRemoteImage("not a url", allowLoopback)).retryable).toBe(false);
  });
});

describe("fetchRemoteImage address guard", () => {
  const noAllowList = { allowHosts: [] as string[], lookup: testLookup };

  it("blocks a host name that resolves to loopback unless it is allow-listed", async () => {
    const blocked = expectFailure(await fetchRemoteImage(`http://images.test:${port}/photo.jpg`, noAllowList));
    expect(blocked).toEqual({
      ok: false,
      reason: `blocked: http://images.test:${port}/photo.jpg resolves to loopback address 127.0.0.1`,
      retryable: false,
    });
  });

  it("blocks literal loopback and metadata addresses in every spelling", async () => {
    const cases: Array<[string, string]> = [
      [`${origin}/photo.jpg`, "loopback address 127.0.0.1"],
      [`http://[::1]:${port}/photo.jpg`, "loopback address ::1"],
      [`http://[::ffff:127.0.0.1]:${port}/photo.jpg`, "loopback address ::ffff:7f00:1"],
      [`http://2130706433:${port}/photo.jpg`, "loopback address 127.0.0.1"],
      [`http://0x7f.1:${port}/photo.jpg`, "loopback address 127.0.0.1"],
      [`http://0.0.0.0:${port}/photo.jpg`, "this-network address 0.0.0.0"],
      ["http://169.254.169.254/latest/meta-data/", "link-local address 169.254.169.254"],
      ["http://[fd00::1]/a.jpg", "private address fd00::1"],
      ["http://[fe80::1]/a.jpg", "link-local address fe80::1"],
      ["http://10.0.0.5/a.jpg", "private address 10.0.0.5"],
      ["http://100.64.0.1/a.jpg", "shared (CGNAT) address 100.64.0.1"],
      ["http://224.0.0.1/a.jpg", "multicast address 224.0.0.1"],
    ];
    for (const [url, expected] of cases) {
      const failure = expectFailure(await fetchRemoteImage(url, noAllowList));
      expect(failure.reason, url).toContain(`resolves to ${expected}`);
      expect(failure.retryable).toBe(false);
    }
  });

  it("blocks names resolving to the metadata service, IPv4-mapped loopback, or a mix including private", async () => {
    const cases: Array<[string, string]> = [
      ["metadata.test", "169.254.169.254"],
      ["mapped.test", "::ffff:127.0.0.1"],
      ["mixed.test", "10.1.2.3"],
    ];
    for (const [host, expected] of cases) {
      const failure = expectFailure(await fetchRemoteImage(`http://${host}/a.jpg`, noAllowList));
      expect(failure.reason, host).toMatch(new RegExp(`^blocked: .* address ${expected.replaceAll(".", "\\.")}$`));
    }
  });

  it("blocks localhost as the system resolver answers it", async () => {
    const failure = expectFailure(await fetchRemoteImage(`http://localhost:${port}/photo.jpg`, { allowHosts: [] }));
    expect(failure.reason).toMatch(/^blocked: .* loopback address/);
  });

  it("checks every redirect hop: an allowed host cannot redirect into private space", async () => {
    const options = { allowHosts: ["images.test"], lookup: testLookup };
    const toPrivate = expectFailure(await fetchRemoteImage(`http://images.test:${port}/to-private`, options));
    expect(toPrivate.reason).toBe("blocked: http://10.0.0.5/photo.jpg resolves to private address 10.0.0.5");
    const toMetadata = expectFailure(await fetchRemoteImage(`http://images.test:${port}/to-metadata`, options));
    expect(toMetadata.reason).toContain("link-local address 169.254.169.254");
    const toName = expectFailure(await fetchRemoteImage(`http://images.test:${port}/to-internal-name`, options));
    expect(toName.reason).toBe(`blocked: http://internal.test:${port}/photo.jpg resolves to loopback address 127.0.0.1`);
    expect(toName.retryable).toBe(false);
  });

  it("refuses a redirect to a non-http scheme", async () => {
    const failure = expectFailure(await fetchRemoteImage(`${origin}/to-file`, allowLoopback));
    expect(failure.reason).toBe(`only http and https URLs are fetched, not file: (file:///etc/passwd) (redirected from ${origin}/to-file)`);
    expect(failure.retryable).toBe(false);
  });
});

describe("classifyAddress", () => {
  it("passes public addresses", () => {
    for (const address of ["93.184.215.14", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808"]) {
      expect(classifyAddress(address), address).toBeNull();
    }
  });

  it("names every non-public range", () => {
    const cases: Array<[string, string]> = [
      ["127.255.255.254", "loopback"],
      ["10.255.0.1", "private"],
      ["172.16.0.1", "private"],
      ["172.31.255.255", "private"],
      ["192.168.1.1", "private"],
      ["169.254.169.254", "link-local"],
      ["100.127.255.255", "shared (CGNAT)"],
      ["0.1.2.3", "this-network"],
      ["239.255.255.250", "multicast"],
      ["255.255.255.255", "reserved"],
      ["::", "unspecified"],
      ["::1", "loopback"],
      ["::ffff:10.0.0.1", "private"],
      ["::ffff:a9fe:a9fe", "link-local"],
      ["::ffff:0:7f00:1", "reserved"],
      ["::127.0.0.1", "reserved"],
      ["64:ff9b::7f00:1", "loopback"],
      ["2002:c0a8:0101::1", "private"],
      ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"],
      ["2001:db8::1", "documentation"],
      ["fc00::1", "private"],
      ["fdff:ffff::1", "private"],
      ["fe80::1%eth0", "link-local"],
      ["fec0::1", "site-local"],
      ["ff02::1", "multicast"],
      ["100::1", "reserved"],
    ];
    for (const [address, category] of cases) expect(classifyAddress(address), address).toBe(category);
  });

  it("passes the edges just outside private ranges", () => {
    for (const address of ["172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0", "11.0.0.0", "169.253.255.255"]) {
      expect(classifyAddress(address), address).toBeNull();
    }
  });
});
