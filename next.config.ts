import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // A native addon with its own dictionary files: load it from node_modules, do not bundle it.
  serverExternalPackages: ["@node-rs/jieba"],
};

export default nextConfig;
