import { z } from "zod";
import { parseVideoProviders } from "./content/video-providers";

// process.env parsed once. Every module reads configuration from here, never process.env.
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .default("file:./data/inkstone.db")
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
      message: "must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)",
    }),
  // Language of the site's own pages (home, lists, errors); articles speak their own.
  SITE_LANGUAGE: z.enum(["zh-CN", "en"]).default("zh-CN"),
  // The articles the portal ships with; local images are only ever read from inside this folder.
  CONTENT_DIR: z.string().trim().min(1).default("content"),
  MEDIA_DIR: z.string().trim().min(1).default("data/media"),
  SITE_URL: z.url().default("http://localhost:3000"),
  // Shared by the portal and the ingest CLI: the CLI sends it to /api/revalidate after a change.
  // Unset, the endpoint refuses everything and the CLI does not try.
  REVALIDATE_SECRET: z
    .string()
    .optional()
    .transform((value) => (value && value.length > 0 ? value : undefined))
    .refine((value) => value === undefined || value.length >= 16, "must be at least 16 characters"),
  // Where the CLI reaches the running portal; defaults to SITE_URL.
  PORTAL_URL: z.url().optional(),
  // "off" keeps remote images pending instead of fetching them: for machines that must not reach
  // the internet (and the end-to-end tests, which show the offline placeholders).
  MEDIA_REMOTE_FETCH: z.enum(["on", "off"]).default("on"),
  // Comma-separated host names the image fetcher may reach even though they resolve to loopback or
  // private addresses. Empty in production; the tests name their loopback image server here.
  MEDIA_FETCH_ALLOW_HOSTS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
  // Comma-separated video providers whose iframes in articles become players (youtube, vimeo,
  // bilibili, youku, tencent), or "none". The one exception to reading configuration only here:
  // the renderer, which ingest loads before its environment is complete, reads it on first use with
  // the same parser (lib/content/video-embeds.ts); this checks it when a process starts.
  VIDEO_EMBEDS: z
    .string()
    .default("")
    .transform((value, context) => {
      const parsed = parseVideoProviders(value);
      if ("providers" in parsed) return parsed.providers;
      context.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }),
});

export type Env = z.infer<typeof envSchema>;

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join("; ")}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);
