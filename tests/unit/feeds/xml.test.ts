import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { cdata, escapeXml, stripInvalidXmlCharacters, textElement } from "@/lib/feeds/xml";

/** The text of <t> after a real XML parser has read the document. */
function readBack(inner: string): string {
  const document = `<?xml version="1.0" encoding="UTF-8"?><t>${inner}</t>`;
  expect(XMLValidator.validate(document)).toBe(true);
  const parsed = new XMLParser({ processEntities: true, parseTagValue: false, trimValues: false }).parse(document) as { t: string };
  return parsed.t;
}

describe("stripInvalidXmlCharacters", () => {
  it("drops the control characters XML 1.0 forbids and keeps tab, newline and carriage return", () => {
    expect(stripInvalidXmlCharacters("a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg")).toBe("abcdefg");
    expect(stripInvalidXmlCharacters("tab\there\nnew\rline")).toBe("tab\there\nnew\rline");
  });

  it("drops DEL, C1 controls, U+FFFE/U+FFFF and lone surrogates", () => {
    expect(stripInvalidXmlCharacters("a\u007Fb\u0085c\u009Fd\uFFFEe\uFFFFf")).toBe("abcdef");
    expect(stripInvalidXmlCharacters("x\uD800y\uDC00z")).toBe("xyz");
  });

  it("keeps Chinese, emoji (astral planes) and other ordinary text intact", () => {
    const text = "讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台 🚀 café — “quoted”";
    expect(stripInvalidXmlCharacters(text)).toBe(text);
  });
});

describe("escapeXml", () => {
  it("escapes markup characters so they come back as text", () => {
    const hostile = `<script>alert("x")</script> & 'y' ]]> &amp;`;
    expect(escapeXml(hostile)).not.toMatch(/[<>"']/);
    expect(readBack(escapeXml(hostile))).toBe(hostile);
  });

  it("leaves no control character in the output", () => {
    expect(escapeXml("bad\u0001title\u001B")).toBe("badtitle");
  });
});

describe("cdata", () => {
  it("wraps text verbatim", () => {
    expect(cdata("<p>a & b</p>")).toBe("<![CDATA[<p>a & b</p>]]>");
    expect(readBack(cdata("<p>a & b</p>"))).toBe("<p>a & b</p>");
  });

  it('splits a "]]>" inside the content so it survives and cannot close the section early', () => {
    const html = "<p>x]]><script>alert(1)</script>]]>]]></p>";
    const wrapped = cdata(html);
    expect(wrapped).toBe("<![CDATA[<p>x]]]]><![CDATA[><script>alert(1)</script>]]]]><![CDATA[>]]]]><![CDATA[></p>]]>");
    expect(readBack(wrapped)).toBe(html);
  });

  it("drops control characters, which a CDATA section cannot hold either", () => {
    expect(readBack(cdata("a\u0000b\u0007c"))).toBe("abc");
  });
});

describe("textElement", () => {
  it("escapes text and attribute values", () => {
    expect(textElement("guid", "https://example.com/a?x=1&y=2", { isPermaLink: "true" })).toBe(
      `<guid isPermaLink="true">https://example.com/a?x=1&amp;y=2</guid>`,
    );
    expect(textElement("t", "x", { a: `"><b>` })).toBe(`<t a="&quot;&gt;&lt;b&gt;">x</t>`);
  });

  it("closes an empty element on itself", () => {
    expect(textElement("description", "")).toBe("<description/>");
  });
});
