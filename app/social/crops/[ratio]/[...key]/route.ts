import path from "node:path";
import { env } from "@/lib/env";
import { createDiskMediaStore } from "@/lib/media/store";
import { respondWithCoverCrop } from "@/lib/seo/cover-crops";

const store = createDiskMediaStore(path.resolve(env.MEDIA_DIR));

type Context = { params: Promise<{ ratio: string; key: string[] }> };

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const { ratio, key } = await params;
  return respondWithCoverCrop(store, ratio, key, "GET");
}

export async function HEAD(_request: Request, { params }: Context): Promise<Response> {
  const { ratio, key } = await params;
  return respondWithCoverCrop(store, ratio, key, "HEAD");
}
