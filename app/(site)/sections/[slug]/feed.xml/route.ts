import { serveFeed } from "@/lib/feeds/serve-feed";

type Context = { params: Promise<{ slug: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  return serveFeed(request, { kind: "section", slug: (await params).slug }, "rss");
}
