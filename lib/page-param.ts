import { z } from "zod";

const pageSchema = z.coerce.number().int().min(1).max(100_000);

/**
 * The `page` query parameter: absent means 1; anything that is not a whole number from 1 up is
 * null, which the page answers with 404 rather than guessing.
 */
export function parsePageParam(value: string | string[] | undefined): number | null {
  if (value === undefined) return 1;
  if (Array.isArray(value) || !/^\d+$/.test(value)) return null;
  const parsed = pageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
