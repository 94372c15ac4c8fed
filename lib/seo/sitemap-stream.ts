// Sitemaps go out as they are read: each chunk (one batch of rows rendered) is encoded and handed
// to the response only when the client has taken the previous one, so a slow crawler holds back
// the database reads instead of making the server buffer the whole document.

/** A byte stream of the text chunks, pulled on demand; cancelling it stops the generator (and its reads). */
export function streamTextChunks(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    // One chunk in hand at a time: the next batch is read only when this one has been sent.
    { highWaterMark: 1 },
  );
}

/** Every chunk joined: for tests, and for callers that want the document whole. */
export async function collectText(chunks: AsyncIterable<string>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join("");
}
