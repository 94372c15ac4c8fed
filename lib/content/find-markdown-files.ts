import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/**
 * The Markdown files the given paths name: files as given, folders searched recursively (hidden
 * folders and node_modules skipped), sorted so every run sees the same order. Paths that do not
 * exist are returned separately, so the caller can report them without stopping.
 */
export async function findMarkdownFiles(inputs: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files = new Set<string>();
  const missing: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) files.add(full);
    }
  }
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) missing.push(input);
    else if (info.isDirectory()) await walk(input);
    else files.add(input);
  }
  return { files: [...files].sort(), missing };
}
