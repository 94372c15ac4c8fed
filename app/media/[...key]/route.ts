import path from "node:path";
import { env } from "@/lib/env";
import { serveMedia } from "@/lib/media/serve-media";
import { createDiskMediaStore } from "@/lib/media/store";

const store = createDiskMediaStore(path.resolve(env.MEDIA_DIR));

type MediaRouteContext = { params: Promise<{ key: string[] }> };

export async function GET(request: Request, { params }: MediaRouteContext): Promise<Response> {
  const { key } = await params;
  return serveMedia(store, key, request.headers, "GET");
}

export async function HEAD(request: Request, { params }: MediaRouteContext): Promise<Response> {
  const { key } = await params;
  return serveMedia(store, key, request.headers, "HEAD");
}
