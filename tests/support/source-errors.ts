import { expect } from "vitest";
import { ArticleSourceError } from "@/lib/content/article-source";

/** Runs a parse that must fail and returns its ArticleSourceError, so a test can read path, line and reason. */
export function expectSourceError(run: () => unknown): ArticleSourceError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ArticleSourceError);
    return error as ArticleSourceError;
  }
  throw new Error("expected an ArticleSourceError, but the file parsed");
}
