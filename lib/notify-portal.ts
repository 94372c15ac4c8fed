import type { Env } from "./env";

export type NotifyResult = { sent: true; tags: number } | { sent: false; reason: string };

/**
 * Tells a running portal which cache tags a command changed, through its authenticated
 * /api/revalidate endpoint. Not being able to reach it is not an error (the portal may not be
 * running); the reason is returned for the command to print.
 */
export async function notifyPortal(
  tags: string[],
  env: Pick<Env, "REVALIDATE_SECRET" | "PORTAL_URL" | "SITE_URL">,
  fetchImpl: typeof fetch = fetch,
): Promise<NotifyResult> {
  if (tags.length === 0) return { sent: false, reason: "nothing changed" };
  if (!env.REVALIDATE_SECRET) return { sent: false, reason: "REVALIDATE_SECRET is not set, so a running portal was not told" };
  const endpoint = new URL("/api/revalidate", env.PORTAL_URL ?? env.SITE_URL);
  try {
    const response = await fetchImpl(endpoint, {
      method: "POST",
      headers: { authorization: `Bearer ${env.REVALIDATE_SECRET}`, "content-type": "application/json" },
      body: JSON.stringify({ tags }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return { sent: false, reason: `${endpoint} answered ${response.status}: ${(await response.text()).slice(0, 200)}` };
    return { sent: true, tags: tags.length };
  } catch (error) {
    return { sent: false, reason: `could not reach ${endpoint}: ${(error as Error).message}` };
  }
}

export function describeNotifyResult(result: NotifyResult): string {
  return result.sent ? `portal refreshed (${result.tags} cache tags)` : `portal not refreshed: ${result.reason}`;
}
