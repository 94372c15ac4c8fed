import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/content/markdown";
import { convertTemplateTags } from "@/lib/content/template-tags";

const convert = (body: string, file = "source/_posts/trip.md") => convertTemplateTags(body, file);

describe("other generators' template tags", () => {
  it("turns Hugo's video shortcodes into players the sanitizer rewrites to the privacy host", () => {
    const { body, unknown } = convert('Before.\n\n{{< youtube dQw4w9WgXcQ >}}\n\n{{< vimeo id="76979871" title="A film" >}}\n\nAfter.');
    expect(unknown).toEqual([]);
    const html = renderMarkdown(body).html;
    expect(html).toContain('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"');
    expect(html).toContain('src="https://player.vimeo.com/video/76979871?dnt=1"');
    expect(html).toContain('title="A film"');
  });

  it("turns Hugo's figure shortcode into a figure with its caption, and an image the pipeline sees", () => {
    const { body } = convert('{{< figure src="harbour.jpg" alt="The harbour" caption="Victoria Harbour at dusk" >}}');
    const rendered = renderMarkdown(body);
    expect(rendered.images).toEqual([{ src: "harbour.jpg", alt: "The harbour", title: null }]);
    expect(rendered.html).toContain("<figcaption>Victoria Harbour at dusk</figcaption>");
  });

  it("turns highlight blocks, Hugo's and Liquid's, into fenced code, and drops {% raw %}", () => {
    expect(convert("{{< highlight go >}}\nfmt.Println(1)\n{{< /highlight >}}").body).toBe("```go\nfmt.Println(1)\n```");
    expect(convert("{% highlight ruby %}\nputs 1\n{% endhighlight %}").body).toBe("```ruby\nputs 1\n```");
    expect(convert("{% raw %}{{ not a tag }}{% endraw %}").body).toBe("{{ not a tag }}");
  });

  it("resolves Jekyll's site URLs in links and images to site-absolute paths", () => {
    expect(convert("![a]({{ site.baseurl }}/assets/a.png) [b]({{ '/about/' | relative_url }})").body).toBe("![a](/assets/a.png) [b](/about/)");
  });

  it("finds Hexo's asset_img in the post's own asset folder", () => {
    expect(convert("{% asset_img lantern.jpg 元宵 灯会 %}").body).toBe('![元宵 灯会](<trip/lantern.jpg> "元宵 灯会")');
    expect(renderMarkdown(convert("{% asset_img lantern.jpg %}").body).images).toEqual([{ src: "trip/lantern.jpg", alt: "", title: null }]);
  });

  it("leaves unknown tags as text and names them, and never touches code", () => {
    const { body, unknown } = convert("{{< gist user 123 >}} {% include note.html %}\n\n`{{< youtube x >}}`\n\n```\n{% highlight x %}\n```");
    expect(unknown).toEqual(["{{< gist >}}", "{% include %}"]);
    expect(body).toBe("{{< gist user 123 >}} {% include note.html %}\n\n`{{< youtube x >}}`\n\n```\n{% highlight x %}\n```");
  });

  it.each<[string, string]>([
    ["a four-backtick fence around a three-backtick one", "````\n```\n{{< youtube abc >}}\n```\n````"],
    ["indented code", "Text.\n\n    {{< youtube abc >}}\n"],
    ["a <pre> element", "<pre><code>\n{{< youtube abc >}}\n</code></pre>"],
    ["a stray ``` in a sentence before a real fence", "Use ``` to open.\n\n```\n{{< youtube abc >}}\n```"],
  ])("leaves code alone: %s", (_label, body) => {
    expect(convert(body).body).toBe(body.trim());
  });

  it("keeps highlight and raw bodies as written, in a fence their code cannot close", () => {
    expect(convert("{{< highlight md >}}\n{{< youtube abc >}} and ```x```\n{{< /highlight >}}").body).toBe("````md\n{{< youtube abc >}} and ```x```\n````");
    expect(convert("{% raw %}{{ site.baseurl }}{% endraw %}").body).toBe("{{ site.baseurl }}");
  });

  it("shows Hugo's escaped shortcodes as shortcodes, and an unclosed one stays text within its paragraph", () => {
    expect(convert("Write {{</* youtube ID */>}} to embed.")).toEqual({ body: "Write {{< youtube ID >}} to embed.", unknown: [] });
    expect(convert("An {{< unclosed\n\nparagraph >}} here").body).toBe("An {{< unclosed\n\nparagraph >}} here");
  });

  it("refuses a video ID that is not one", () => {
    expect(convert('{{< youtube "x onload=alert(1)" >}}').unknown).toEqual(["{{< youtube >}}"]);
  });
});
