import "server-only";
import { z } from "zod";
import type { ImageVariant } from "../media/variants";
import type { Db } from "./client";

export type ImageStatus = "pending" | "ready" | "failed";

/** An image as pages and the renderer need it. */
export interface ImageRecord {
  id: number;
  source: string;
  status: ImageStatus;
  failureReason: string | null;
  width: number | null;
  height: number | null;
  placeholder: string | null;
  variants: ImageVariant[];
}

const variantsSchema = z.array(
  z.object({
    format: z.enum(["avif", "webp", "jpeg"]),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    key: z.string(),
    bytes: z.number().int().nonnegative(),
  }),
);
const statusSchema = z.enum(["pending", "ready", "failed"]);

export const imageRecordSelect = {
  id: true,
  source: true,
  status: true,
  failureReason: true,
  width: true,
  height: true,
  placeholder: true,
  variants: true,
} as const;

type ImageRow = { [Key in keyof typeof imageRecordSelect]: Key extends "id" | "width" | "height" ? number | null : string | null };

export function toImageRecord(row: ImageRow): ImageRecord {
  return {
    id: row.id!,
    source: row.source!,
    status: statusSchema.parse(row.status),
    failureReason: row.failureReason,
    width: row.width,
    height: row.height,
    placeholder: row.placeholder,
    variants: variantsSchema.parse(JSON.parse(row.variants ?? "[]")),
  };
}

export async function getImagesBySource(db: Db, sources: string[]): Promise<Map<string, ImageRecord>> {
  const found = new Map<string, ImageRecord>();
  const unique = [...new Set(sources)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db.image.findMany({ where: { source: { in: unique.slice(i, i + 500) } }, select: imageRecordSelect });
    for (const row of rows) found.set(row.source, toImageRecord(row));
  }
  return found;
}

/** Images still waiting for their bytes (never fetched, or the last try failed in a way worth retrying). */
export async function listPendingImages(db: Db): Promise<Array<{ id: number; source: string; localRoot: string | null; attempts: number }>> {
  return db.image.findMany({
    where: { status: "pending" },
    orderBy: { id: "asc" },
    select: { id: true, source: true, localRoot: true, attempts: true },
  });
}

export interface ReadyImageData {
  contentHash: string;
  width: number;
  height: number;
  placeholder: string;
  variants: ImageVariant[];
  originalBytes: number;
}

export async function markImageReady(db: Db, id: number, data: ReadyImageData, at: Date): Promise<void> {
  await db.image.update({
    where: { id },
    data: {
      status: "ready",
      failureReason: null,
      attempts: { increment: 1 },
      lastAttemptAt: at,
      contentHash: data.contentHash,
      width: data.width,
      height: data.height,
      placeholder: data.placeholder,
      variants: JSON.stringify(data.variants),
      originalBytes: data.originalBytes,
    },
  });
}

/** Records why an image is not ready: "pending" is tried again by the next run, "failed" is not. */
export async function markImageNotReady(
  db: Db,
  id: number,
  outcome: { status: "pending" | "failed"; reason: string },
  at: Date,
): Promise<void> {
  await db.image.update({
    where: { id },
    data: { status: outcome.status, failureReason: outcome.reason, attempts: { increment: 1 }, lastAttemptAt: at },
  });
}

export interface ArticleBodySource {
  id: number;
  slug: string;
  originPath: string | null;
  /** See Article.siteRoot: what the body's site-absolute image paths resolve against. */
  siteRoot: string | null;
  bodyMarkdown: string;
  bodyHtml: string;
}

/** Articles whose body shows any of these images (or uses one as cover), to render again. */
export async function listArticlesUsingImages(db: Db, imageIds: number[]): Promise<ArticleBodySource[]> {
  if (imageIds.length === 0) return [];
  const rows: ArticleBodySource[] = [];
  for (let i = 0; i < imageIds.length; i += 500) {
    const ids = imageIds.slice(i, i + 500);
    rows.push(
      ...(await db.article.findMany({
        where: { OR: [{ images: { some: { imageId: { in: ids } } } }, { coverImageId: { in: ids } }] },
        select: { id: true, slug: true, originPath: true, siteRoot: true, bodyMarkdown: true, bodyHtml: true },
      })),
    );
  }
  return [...new Map(rows.map((row) => [row.id, row])).values()];
}

export async function updateArticleBodyHtml(db: Db, id: number, bodyHtml: string): Promise<void> {
  await db.article.update({ where: { id }, data: { bodyHtml }, select: { id: true } });
}
