import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/**
 * The Markdown files the given paths name: files as given, folders searched recursively (hidden
 * folders and node_modules skipped), sorted so every run sees the same order. Paths that do not
 * exist are returned separately, so the caller can report them without stopping. `roots` gives
 * each file the folder it was found through (a file named alone: its own folder), which its local
 * images must stay inside.
 */
export async function findMarkdownFiles(inputs: string[]): Promise<{ files: string[]; missing: string[]; roots: Map<string, string> }> {
  const files = new Set<string>();
  const roots = new Map<string, string>();
  const missing: string[] = [];
  const add = (file: string, root: string) => {
    files.add(file);
    if (!roots.has(file)) roots.set(file, root);
  };
  async function walk(dir: string, root: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, root);
      else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) add(full, root);
    }
  }
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) missing.push(input);
    else if (info.isDirectory()) await walk(input, input);
    else add(input, path.dirname(input));
  }
  return { files: [...files].sort(), missing, roots };
}
