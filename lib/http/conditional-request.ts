// Conditional GETs (RFC 9110 §13): whether a client's cached copy is still current, so the answer
// can be 304 Not Modified with no body.

/**
 * Whether the client's copy, dated by If-Modified-Since, is still current. HTTP dates have whole
 * seconds, so the comparison drops the milliseconds the database keeps. An unparsable date is
 * ignored, as RFC 9110 §13.1.3 requires.
 */
export function isNotModifiedSince(lastModified: Date, ifModifiedSince: string | null): boolean {
  if (ifModifiedSince === null) return false;
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  return Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

/** Whether If-None-Match names this entity tag (weak comparison, §13.1.2: W/ prefixes aside) or is "*". */
export function matchesIfNoneMatch(etag: string, ifNoneMatch: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/**
 * Whether a GET for a representation with these validators may be answered 304. If-None-Match,
 * when sent, decides alone; If-Modified-Since counts only without it (§13.2.2).
 */
export function isNotModified(headers: Headers, validators: { etag?: string; lastModified?: Date | null }): boolean {
  const ifNoneMatch = headers.get("if-none-match");
  if (ifNoneMatch !== null) return validators.etag !== undefined && matchesIfNoneMatch(validators.etag, ifNoneMatch);
  return validators.lastModified ? isNotModifiedSince(validators.lastModified, headers.get("if-modified-since")) : false;
}
