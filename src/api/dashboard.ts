/**
 * The dashboard's static files (built by scripts/build.js into dist/dashboard/), served at `/`.
 * Files are read once when the app is built: lookups are by exact path, so no request can reach
 * outside the directory. Paths that name no file and look like a page (no extension, not under
 * /v1) get index.html, so the dashboard's own routes survive a reload.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply } from "fastify";
import { NotFoundError } from "../errors.js";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

/** Vite names what it builds under assets/ by content hash: such a file never changes. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** Everything else (index.html above all) is revalidated, so a new build is seen at once. */
const REVALIDATE = "no-cache";

interface StaticFile {
  body: Buffer;
  type: string;
  cache: string;
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>quikship</title>
<body style="font-family: system-ui, sans-serif; margin: 2rem"><h1>quikship</h1>
<p>The dashboard is not built. Run <code>npm run build</code> in the checkout, then reload. The API is at <a href="/docs">/docs</a>.</p></body></html>`;

/**
 * Where the built dashboard is: $QUIKSHIP_DASHBOARD_DIR, else dist/dashboard of the package this
 * module belongs to (found upwards from it, whether it runs from the sources or from a bundle).
 */
export function dashboardDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.QUIKSHIP_DASHBOARD_DIR;
  if (fromEnv !== undefined && fromEnv !== "") return resolve(fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "quikship")
      return join(dir, "dist", "dashboard");
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Every file under dir by its URL path ("/index.html", "/assets/index-abc123.js"). */
export function readStaticFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const url = `/${relative(dir, path).split(sep).join("/")}`;
        const type = CONTENT_TYPES[extname(name)] ?? "application/octet-stream";
        files.set(url, { body: readFileSync(path), type, cache: url.startsWith("/assets/") ? IMMUTABLE : REVALIDATE });
      }
    }
  };
  if (existsSync(join(dir, "index.html"))) walk(dir);
  return files;
}

function decodedPath(url: string): string {
  const raw = url.split("?")[0]!;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function send(reply: FastifyReply, file: StaticFile): FastifyReply {
  return reply
    .header("cache-control", file.cache)
    .header("x-content-type-options", "nosniff")
    .type(file.type)
    .send(file.body);
}

/** GET / and every path no other route takes: a file of the dashboard, or its index.html. */
export function registerDashboard(app: FastifyInstance, dir: string | undefined): void {
  const files = dir === undefined ? new Map<string, StaticFile>() : readStaticFiles(dir);
  const index = files.get("/index.html") ?? {
    body: Buffer.from(NOT_BUILT),
    type: CONTENT_TYPES[".html"]!,
    cache: REVALIDATE,
  };
  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    const path = decodedPath(request.url);
    // Clients that ask for /favicon.ico without reading the page (bookmarks, feed readers) get the icon.
    const file = files.get(path) ?? (path === "/favicon.ico" ? files.get("/favicon.svg") : undefined);
    if (file !== undefined) return send(reply, file);
    // Unknown API paths and missing files stay 404s; anything else is a page of the dashboard.
    if (path === "/v1" || path.startsWith("/v1/") || path.startsWith("/assets/") || extname(path) !== "") {
      throw new NotFoundError(`no such route: ${request.method} ${path}`);
    }
    return send(reply, index);
  });
}
