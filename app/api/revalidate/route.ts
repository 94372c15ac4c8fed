import { timingSafeEqual } from "node:crypto";
import { revalidateTag } from "next/cache";
import { z } from "zod";
import { isKnownCacheTag } from "@/lib/cache-tags";
import { env } from "@/lib/env";
import { advanceContentGeneration } from "@/lib/http/content-generation";

const bodySchema = z.object({ tags: z.array(z.string().refine(isKnownCacheTag, "unknown cache tag")).min(1).max(5000) });

function isAuthorized(request: Request): boolean {
  const secret = env.REVALIDATE_SECRET;
  const given = request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
  if (!secret || given.length !== secret.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(secret));
}

/**
 * POST /api/revalidate with `Authorization: Bearer $REVALIDATE_SECRET` and `{ "tags": [...] }`:
 * how the ingest CLI tells a running portal what it changed. Expired at once (not stale-while-
 * revalidate), so the next reader sees the change.
 */
export async function POST(request: Request): Promise<Response> {
  if (!env.REVALIDATE_SECRET) {
    return Response.json({ error: "revalidation is off: REVALIDATE_SECRET is not set on the server" }, { status: 403 });
  }
  if (!isAuthorized(request)) return Response.json({ error: "missing or wrong revalidation secret" }, { status: 401 });
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return Response.json({ error: "the body must be JSON: { \"tags\": [...] }" }, { status: 400 });
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ") }, { status: 400 });
  }
  for (const tag of parsed.data.tags) revalidateTag(tag, { expire: 0 });
  advanceContentGeneration();
  return Response.json({ revalidated: parsed.data.tags.length });
}
