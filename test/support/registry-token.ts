/**
 * A token service for the test registry's bearer flow (the distribution spec's "token
 * authentication"): it checks the fixture's user by basic auth and issues an ES256 JWT whose x5c
 * header carries a self-signed certificate (made with the real openssl) the registry trusts, with
 * the access the scope asks for. Anonymous callers get a token with no access, as Docker Hub's do.
 */
import { execFileSync } from "node:child_process";
import { createPrivateKey, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT } from "jose";
import { REGISTRY_PASSWORD, REGISTRY_USER } from "./registry.js";
import type { TokenAuth } from "./registry.js";

export interface TokenService {
  auth: TokenAuth;
  /** How many tokens it issued. */
  issued(): number;
  stop(): Promise<void>;
}

function certificate(): { key: string; pem: string } {
  const dir = mkdtempSync(join(tmpdir(), "quikship-token-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=quikship-test-token",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(join(dir, "key.pem"), "utf8"), pem: readFileSync(join(dir, "cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startTokenService(): Promise<TokenService> {
  const { key, pem } = certificate();
  const privateKey = createPrivateKey(key);
  const x5c = pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, "");
  const service = "quikship-test-registry";
  const issuer = "quikship-test-issuer";
  let count = 0;
  const expected = `Basic ${Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString("base64")}`;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://token");
    const authorization = req.headers.authorization;
    if (authorization !== undefined && authorization !== expected) {
      res.writeHead(401, { "content-type": "application/json" }).end('{"details":"bad credentials"}');
      return;
    }
    const access = authorization
      ? url.searchParams.getAll("scope").flatMap((s) => {
          const [type, name, actions] = s.split(":");
          return type && name && actions ? [{ type, name, actions: actions.split(",") }] : [];
        })
      : [];
    const now = Math.floor(Date.now() / 1000);
    void new SignJWT({ access })
      .setProtectedHeader({ alg: "ES256", typ: "JWT", x5c: [x5c] })
      .setIssuer(issuer)
      .setAudience(url.searchParams.get("service") ?? service)
      .setSubject(authorization ? REGISTRY_USER : "")
      .setIssuedAt(now)
      .setNotBefore(now - 10)
      .setExpirationTime(now + 300)
      .setJti(randomUUID())
      .sign(privateKey)
      .then((token) => {
        count++;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ token, expires_in: 300 }));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    auth: { realm: `http://127.0.0.1:${port}/token`, service, issuer, certificate: pem },
    issued: () => count,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
