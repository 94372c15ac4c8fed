import { isUtf8 } from "node:buffer";

/**
 * Bytes of a text file to a string with "\n" line ends. UTF-8 (with or without a byte-order mark)
 * and UTF-16 with a byte-order mark are read; anything else is refused with the reason, because
 * guessing a legacy encoding wrong would publish mojibake.
 */
export function decodeTextFile(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: string } {
  if (bytes.length === 0) return { ok: false, reason: "the file is empty" };
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  } else if (isUtf8(bytes)) {
    // isUtf8 validates far faster than a fatal TextDecoder, which shows in a bulk ingest.
    text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  } else {
    return {
      ok: false,
      reason: "the file is not valid UTF-8 text (save it as UTF-8; GBK/GB18030 and Big5 files must be converted first)",
    };
  }
  text = text.replace(/^\uFEFF/, "");
  if (text.includes("\u0000")) return { ok: false, reason: "the file contains NUL bytes: it looks binary, not Markdown" };
  return { ok: true, text: text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text };
}
