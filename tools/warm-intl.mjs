// Trunk post-build step (from stamp-sw.sh, before the page's CSP is
// stamped with the bootstrap's hash): the browser's first use of Intl
// loads its locale and time zone data, about 120 ms of a phone's main
// thread at Lighthouse's 4x slowdown, and the app needs it in its first
// task (the office's day, the date on Today). Trunk's bootstrap asks for
// it once the splash is painted, while the wasm is still downloading, so
// it is out of that task. Inline, not a file: one more request delayed
// the first paint.
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2];
const html = readFileSync(file, "utf8");
const bootstrap = /(<script type="module">\s*import init[^\n]*\n)/;
if (!bootstrap.test(html)) throw new Error("warm-intl: Trunk's bootstrap script not found");
const warm = "requestAnimationFrame(() => setTimeout(() => new Intl.DateTimeFormat().formatToParts(0)));\n";
writeFileSync(file, html.replace(bootstrap, `$1${warm}`));
