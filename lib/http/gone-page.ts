import { getDictionary } from "../i18n/dictionaries";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

/**
 * 410 Gone for a withdrawn story: a small self-contained page (the proxy answers it before any
 * React route runs, so it cannot use the site's layout) that names what was there, offers search
 * and the way home, and is never indexed.
 */
export function renderGoneResponse(title: string, siteLanguage: "zh-CN" | "en"): Response {
  const dictionary = getDictionary(siteLanguage);
  const heading = escapeHtml(dictionary.goneTitle);
  const body = escapeHtml(dictionary.goneBody).replace("{title}", escapeHtml(title));
  const html = `<!DOCTYPE html>
<html lang="${siteLanguage}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${heading} | ${escapeHtml(dictionary.siteName)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.6;color:#171717;background:#fff}a{color:#991b1b}input,button{font:inherit;padding:.3rem .6rem}@media (prefers-color-scheme:dark){body{color:#f5f5f5;background:#0a0a0a}a{color:#fca5a5}}</style>
</head>
<body>
<main>
<h1>${heading}</h1>
<p>${body}</p>
<form action="/search" method="get" role="search"><label for="q">${escapeHtml(dictionary.searchLabel)}</label> <input id="q" type="search" name="q" maxlength="200"> <button type="submit">${escapeHtml(dictionary.searchSubmit)}</button></form>
<p><a href="/">${escapeHtml(dictionary.backHome)}</a></p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 410,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "X-Robots-Tag": "noindex",
      // Shared caches may keep the answer but must ask again: a story put back is live at once.
      "Cache-Control": "public, no-cache",
    },
  });
}
