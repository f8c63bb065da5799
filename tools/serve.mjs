// A small static server for the built app (dist/): the right MIME types
// (application/wasm), brotli or gzip when the browser takes it, no caching
// of the shell files, and every unknown path answered with the app shell so
// deep links work. Used by `./oasis serve` and by the end-to-end tests.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".svg", ".txt"]);
// Unhashed names must be revalidated; hashed ones never change.
const ALWAYS_FRESH = new Set(["/index.html", "/sw.js", "/manifest.webmanifest", "/manifest.fr.webmanifest"]);

export function startServer({ dir, port = 8080, host = "127.0.0.1" }) {
  const root = resolve(dir);
  const compressed = new Map();

  async function file(path) {
    const full = normalize(join(root, path));
    if (full !== root && !full.startsWith(root + sep)) return null;
    try {
      if ((await stat(full)).isFile()) return { full, body: await readFile(full) };
    } catch {}
    return null;
  }

  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (path === "/") path = "/index.html";
      let found = await file(path);
      if (!found && !extname(path)) {
        path = "/index.html";
        found = await file(path);
      }
      if (!found) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      const ext = extname(found.full);
      const headers = {
        "content-type": TYPES[ext] || "application/octet-stream",
        "cache-control": ALWAYS_FRESH.has(path) ? "no-cache" : "public, max-age=31536000, immutable",
        vary: "accept-encoding",
        "x-content-type-options": "nosniff",
      };
      let body = found.body;
      const accepts = req.headers["accept-encoding"] || "";
      const encoding = !COMPRESSIBLE.has(ext) ? null : accepts.includes("br") ? "br" : accepts.includes("gzip") ? "gzip" : null;
      if (encoding) {
        const key = `${encoding}:${found.full}:${body.length}`;
        if (!compressed.has(key)) {
          compressed.set(
            key,
            encoding === "br"
              ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
              : gzipSync(body, { level: 9 }),
          );
        }
        body = compressed.get(key);
        headers["content-encoding"] = encoding;
      }
      headers["content-length"] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  });

  return new Promise((ready, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const address = server.address();
      ready({
        url: `http://${host}:${address.port}`,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = "dist", port = "8080", host = "127.0.0.1"] = process.argv.slice(2);
  const { url } = await startServer({ dir, port: Number(port), host });
  console.log(`serving ${dir} at ${url}`);
}
