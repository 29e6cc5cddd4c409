import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api, ApiError, setToken } from "../api.ts";
import type { Whoami } from "../types.ts";

/** Whether the server signs people in through an OpenID provider (GET /auth/config). */
function useSingleSignOn(): boolean {
  const [oidc, setOidc] = useState(false);
  useEffect(() => {
    api<{ oidc: boolean }>("GET", "/auth/config")
      .then((c) => setOidc(c.oidc))
      .catch(() => setOidc(false));
  }, []);
  return oidc;
}

/**
 * Signs in through the server's OpenID provider when it has one (the server keeps the session in
 * an HTTP-only cookie), or with a bearer token: `quikship token create --user NAME`, or the
 * server's admin.token.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (me: Whoami) => void }) {
  const sso = useSingleSignOn();
  const [token, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const value = token.trim();
    api<Whoami>("GET", "/v1/whoami", undefined, value)
      .then((me) => {
        setToken(value);
        onSignedIn(me);
      })
      .catch((e: unknown) =>
        // A person pasted a token: say what is wrong with it, not how an HTTP header is spelled.
        setError(
          e instanceof ApiError && e.status === 401
            ? "This token is not valid: it may be mistyped, revoked or from another server. Tokens start with qs_ (the admin's is in .quikship/admin.token)."
            : e instanceof Error
              ? e.message
              : String(e),
        ),
      )
      .finally(() => setBusy(false));
  };

  return (
    <main className="signin">
      <h1>quikship</h1>
      {sso && (
        <p>
          <a
            className="button"
            href={`/auth/login?returnTo=${encodeURIComponent(location.pathname + location.search)}`}
            data-testid="sso"
          >
            Sign in with single sign-on
          </a>
        </p>
      )}
      <form onSubmit={submit} aria-describedby="token-help">
        <label htmlFor="token">Token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setValue(e.target.value)}
          required
          autoFocus
        />
        <p id="token-help" className="muted">
          A token from <code>quikship token create --user NAME</code>, or the server's <code>admin.token</code>. It is
          kept in this tab only.
        </p>
        <button type="submit" disabled={busy || token.trim() === ""}>
          Sign in
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
