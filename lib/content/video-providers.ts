// The video hosts an article's iframes may come from, and the VIDEO_EMBEDS setting that picks
// among them. A leaf with no imports: lib/env.ts validates the setting with the same parser.

export const VIDEO_PROVIDERS = ["youtube", "vimeo", "bilibili", "youku", "tencent"] as const;

export type VideoProvider = (typeof VIDEO_PROVIDERS)[number];

/**
 * The VIDEO_EMBEDS setting: comma-separated provider names, "none" for no embeds, empty for all.
 * Returns the providers, or a message naming the valid values.
 */
export function parseVideoProviders(value: string): { providers: VideoProvider[] } | { error: string } {
  const names = value
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) return { providers: [...VIDEO_PROVIDERS] };
  if (names.length === 1 && names[0] === "none") return { providers: [] };
  const unknown = names.filter((name) => !(VIDEO_PROVIDERS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    return { error: `unknown video provider ${unknown.map((name) => `"${name}"`).join(", ")}; use a comma-separated list of ${VIDEO_PROVIDERS.join(", ")}, or none` };
  }
  return { providers: VIDEO_PROVIDERS.filter((provider) => names.includes(provider)) };
}
