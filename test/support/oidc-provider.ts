/**
 * A real OpenID provider for the sign-in tests: the `oidc-provider` package, in this process, on
 * an ephemeral port, with its development login and consent pages (any login, any password).
 * A person's groups are what `groups` holds when the provider is asked, so a test can take
 * someone out of a group at the provider.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import type { Page } from "playwright-core";

export const CLIENT_ID = "quikship";

export interface TestProvider {
  issuer: string;
  /** Provider groups by login name; read at every token and userinfo request. */
  groups: Map<string, string[]>;
  /** Registers the callback of the quikship server under test (known only once it listens). */
  start(redirectUri: string): void;
  close(): Promise<void>;
}

export async function startTestProvider(): Promise<TestProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler === undefined) {
      res.writeHead(503).end("the test provider is not started yet");
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const groups = new Map<string, string[]>();
  return {
    issuer,
    groups,
    start(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT_ID,
            token_endpoint_auth_method: "none",
            redirect_uris: [redirectUri],
            grant_types: ["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"],
            response_types: ["code"],
          },
        ],
        features: { devInteractions: { enabled: true }, deviceFlow: { enabled: true } },
        claims: { openid: ["sub"], profile: ["preferred_username", "groups"], email: ["email"] },
        scopes: ["openid", "offline_access", "profile", "email"],
        cookies: { keys: ["quikship-test-provider-cookie-key"] },
        issueRefreshToken: () => true,
        findAccount: (_ctx: unknown, id: string) => ({
          accountId: id,
          claims: () => ({
            sub: id,
            preferred_username: id,
            email: `${id}@quikapp.example`,
            groups: groups.get(id) ?? [],
          }),
        }),
      });
      handler = provider.callback();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Goes through the provider's pages in the browser as `login`: enters the user code when asked,
 * signs in on the login page, consents; stops once the page has left the provider.
 */
export async function completeAtProvider(page: Page, issuer: string, login: string, userCode?: string): Promise<void> {
  for (let step = 0; step < 8; step++) {
    await page.waitForLoadState("load");
    if (!page.url().startsWith(issuer)) return;
    const text = await page.locator("body").innerText();
    if (/Sign-in Success|successfully|You can close/i.test(text)) return;
    const codeInput = page.locator('input[name="user_code"]');
    if (userCode !== undefined && (await codeInput.count()) > 0 && (await codeInput.inputValue()) === "")
      await codeInput.fill(userCode);
    if ((await page.locator('input[name="login"]').count()) > 0) {
      await page.fill('input[name="login"]', login);
      await page.fill('input[name="password"]', "any password");
    }
    await Promise.all([
      page.waitForNavigation(),
      page.locator('button[type="submit"], button[autofocus]').first().click(),
    ]);
  }
  throw new Error(`the provider's pages did not finish within 8 steps; last at ${page.url()}`);
}
