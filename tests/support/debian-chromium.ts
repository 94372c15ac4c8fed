// Debian's Chromium, as every browser in the suite launches it: Playwright's own browser download
// cannot be reached from these machines, and without the background-networking flags Chromium
// floods the closed network with connections it cannot make.

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
