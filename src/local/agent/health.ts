import { request } from "node:http";
import { createServer } from "node:net";

/** Whether `GET http://127.0.0.1:PORT{path}` answers 2xx within `timeoutMs`. */
export function probeHealth(port: number, path: string, signal: AbortSignal, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: "127.0.0.1", port, path, method: "GET", agent: false, timeout: timeoutMs, signal },
      (res) => {
        res.resume();
        resolve(res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300);
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
    req.end();
  });
}

/** A loopback port free right now (the kernel's choice), skipping the ones in `taken`. */
export async function freePort(taken: ReadonlySet<number> = new Set()): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() =>
          typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
        );
      });
    });
    if (!taken.has(port)) return port;
  }
}
