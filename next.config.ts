import path from "node:path";
import type { NextConfig } from "next";

// PAGE_CACHE=off (read when the server starts): nothing is cached, every request renders.
const pageCacheOff = process.env.PAGE_CACHE === "off";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // proxy.ts removes trailing slashes with the rest of URL normalisation, in one 301; Next's own
  // 308 would run before it and make /Articles/X/ two hops.
  skipTrailingSlashRedirect: true,
  reactStrictMode: true,
  // A native addon with its own dictionary files: load it from node_modules, do not bundle it.
  serverExternalPackages: ["@node-rs/jieba"],
  experimental: {
    // Keep the page and data cache in memory only. On disk it outlives the process, and tag
    // revalidations (which live in memory) do not: after an ingest made while the portal was
    // stopped, a restart would serve the old data as fresh.
    isrFlushToDisk: false,
  },
  ...(pageCacheOff ? { cacheHandler: path.join(process.cwd(), "lib/null-cache-handler.cjs"), cacheMaxMemorySize: 0 } : {}),
};

export default nextConfig;
