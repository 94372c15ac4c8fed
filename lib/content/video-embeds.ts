import { escapeHtml } from "../media/picture-html";
import { parseVideoProviders, type VideoProvider } from "./video-providers";

// Video players an article may embed, recognised from the iframe src an author pasted and rebuilt
// from the video's ID alone: the author's host spelling, path and query string never reach the
// page, only a privacy-friendly embed URL we write ourselves.

export interface VideoEmbed {
  provider: VideoProvider;
  /** What readers see the player called: the iframe's title and link text when the author gave none. */
  providerName: string;
  embedUrl: string;
  /** The video's own page, for feeds and readers without frames. */
  watchUrl: string;
}

type Recognizer = (url: URL) => Omit<VideoEmbed, "provider" | "providerName"> | null;

const youtubeId = /^[A-Za-z0-9_-]{11}$/;
const digits = /^[0-9]{1,15}$/;
const bilibiliBvid = /^BV[0-9A-Za-z]{10}$/;
// Youku IDs are base64-like and often end in "==".
const youkuId = /^[A-Za-z0-9_-]{4,40}={0,2}$/;
const tencentVid = /^[A-Za-z0-9]{5,20}$/;

const youtube = (id: string | undefined) =>
  id !== undefined && youtubeId.test(id)
    ? { embedUrl: `https://www.youtube-nocookie.com/embed/${id}`, watchUrl: `https://www.youtube.com/watch?v=${id}` }
    : null;

const recognizers: Record<VideoProvider, { name: string; hosts: readonly string[]; recognize: Recognizer }> = {
  youtube: {
    name: "YouTube",
    hosts: ["youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com", "youtu.be"],
    recognize(url) {
      if (url.hostname === "youtu.be") return youtube(/^\/([^/]+)\/?$/.exec(url.pathname)?.[1]);
      const embed = /^\/embed\/([^/]+)\/?$/.exec(url.pathname)?.[1];
      if (embed !== undefined) return youtube(embed);
      if (url.pathname === "/watch" && !url.hostname.includes("nocookie")) return youtube(url.searchParams.get("v") ?? undefined);
      return null;
    },
  },
  vimeo: {
    name: "Vimeo",
    hosts: ["player.vimeo.com", "vimeo.com", "www.vimeo.com"],
    recognize(url) {
      const pattern = url.hostname === "player.vimeo.com" ? /^\/video\/([^/]+)\/?$/ : /^\/([^/]+)\/?$/;
      const id = pattern.exec(url.pathname)?.[1];
      return id !== undefined && digits.test(id)
        ? { embedUrl: `https://player.vimeo.com/video/${id}?dnt=1`, watchUrl: `https://vimeo.com/${id}` }
        : null;
    },
  },
  bilibili: {
    name: "Bilibili",
    hosts: ["player.bilibili.com"],
    recognize(url) {
      if (url.pathname !== "/player.html") return null;
      const bvid = url.searchParams.get("bvid");
      if (bvid !== null && bilibiliBvid.test(bvid)) {
        return { embedUrl: `https://player.bilibili.com/player.html?bvid=${bvid}&autoplay=0`, watchUrl: `https://www.bilibili.com/video/${bvid}` };
      }
      const aid = url.searchParams.get("aid");
      if (aid !== null && digits.test(aid)) {
        return { embedUrl: `https://player.bilibili.com/player.html?aid=${aid}&autoplay=0`, watchUrl: `https://www.bilibili.com/video/av${aid}` };
      }
      return null;
    },
  },
  youku: {
    name: "Youku",
    hosts: ["player.youku.com"],
    recognize(url) {
      const id = /^\/embed\/([^/]+)\/?$/.exec(url.pathname)?.[1];
      return id !== undefined && youkuId.test(id)
        ? { embedUrl: `https://player.youku.com/embed/${id}`, watchUrl: `https://v.youku.com/v_show/id_${id}.html` }
        : null;
    },
  },
  tencent: {
    name: "Tencent Video",
    hosts: ["v.qq.com"],
    recognize(url) {
      if (url.pathname !== "/txp/iframe/player.html" && url.pathname !== "/iframe/player.html") return null;
      const vid = url.searchParams.get("vid");
      return vid !== null && tencentVid.test(vid)
        ? { embedUrl: `https://v.qq.com/txp/iframe/player.html?vid=${vid}`, watchUrl: `https://v.qq.com/x/page/${vid}.html` }
        : null;
    },
  },
};

/** The embed an iframe src names, when it is a video of one of the allowed providers. */
export function parseVideoEmbed(src: string, allowed: readonly VideoProvider[]): VideoEmbed | null {
  if (allowed.length === 0) return null;
  // Chinese archives paste Bilibili's protocol-relative embed code ("//player.bilibili.com/…").
  const trimmed = src.trim();
  let url: URL;
  try {
    url = new URL(trimmed.startsWith("//") ? `https:${trimmed}` : trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username !== "" || url.password !== "" || (url.port !== "" && url.port !== "443" && url.port !== "80")) return null;
  for (const provider of allowed) {
    const { name, hosts, recognize } = recognizers[provider];
    if (!hosts.includes(url.hostname)) continue;
    const urls = recognize(url);
    return urls === null ? null : { provider, providerName: name, ...urls };
  }
  return null;
}

let configured: VideoProvider[] | undefined;

/**
 * VIDEO_EMBEDS, read on first use rather than from lib/env, which parses all of process.env when
 * first imported: the renderer is loaded (by ingest, its workers, tests) before their environment
 * is complete. lib/env checks the same variable with the same parser when a process starts.
 */
export function configuredVideoProviders(): VideoProvider[] {
  if (configured === undefined) {
    const parsed = parseVideoProviders(process.env.VIDEO_EMBEDS ?? "");
    if ("error" in parsed) throw new Error(`Invalid environment: VIDEO_EMBEDS: ${parsed.error}`);
    configured = parsed.providers;
  }
  return configured;
}

// Players need scripts and their own origin to run; never top navigation or forms, so a player
// cannot take the reader's tab elsewhere or post anything.
const SANDBOX = "allow-scripts allow-same-origin allow-presentation allow-popups";

/**
 * The figure readers get for an embed: a lazy, sandboxed player and, under it, a link to the
 * video's page for feeds and readers that show no frames. `title` is the author's, when given.
 */
export function renderVideoEmbedHtml(embed: VideoEmbed, title: string | null): string {
  const label = title !== null && title.trim() !== "" ? title.replace(/\s+/g, " ").trim().slice(0, 200) : null;
  const linkText = label ?? embed.watchUrl.replace(/^https:\/\//, "");
  return (
    `<figure class="video-embed" data-video-provider="${embed.provider}">` +
    `<iframe src="${escapeHtml(embed.embedUrl)}" title="${escapeHtml(label ?? embed.providerName)}" sandbox="${SANDBOX}" ` +
    `loading="lazy" allowfullscreen referrerpolicy="strict-origin-when-cross-origin" ` +
    `allow="encrypted-media; fullscreen; picture-in-picture"></iframe>` +
    `<figcaption><a href="${escapeHtml(embed.watchUrl)}" rel="noopener noreferrer nofollow">${escapeHtml(linkText)}</a>` +
    ` (${escapeHtml(embed.providerName)})</figcaption></figure>`
  );
}
