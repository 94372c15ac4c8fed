import { getSiteSocialCard } from "@/lib/seo/social-cards";
import { respondWithSocialImage } from "@/lib/seo/social-image-response";

type Context = { params: Promise<{ file: string }> };

async function respond(request: Request, { params }: Context, method: "GET" | "HEAD"): Promise<Response> {
  const { file } = await params;
  return respondWithSocialImage({ kind: "site" }, file, async () => getSiteSocialCard(), request.url, method);
}

export function GET(request: Request, context: Context): Promise<Response> {
  return respond(request, context, "GET");
}

export function HEAD(request: Request, context: Context): Promise<Response> {
  return respond(request, context, "HEAD");
}
