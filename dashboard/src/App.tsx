import { useCallback, useEffect, useState } from "react";
import { api, ApiError, clearToken, setCsrfToken } from "./api.ts";
import { Approvals } from "./pages/Approvals.tsx";
import { Audit } from "./pages/Audit.tsx";
import { Infra } from "./pages/Infra.tsx";
import { Matrix } from "./pages/Matrix.tsx";
import { RunDetail } from "./pages/RunDetail.tsx";
import { Runs } from "./pages/Runs.tsx";
import { SignIn } from "./pages/SignIn.tsx";
import { Windows } from "./pages/Windows.tsx";
import { linkClick, usePath } from "./router.ts";
import type { Whoami } from "./types.ts";

const NAV = [
  { href: "/", label: "Matrix" },
  { href: "/runs", label: "Runs" },
  { href: "/approvals", label: "Approvals" },
  { href: "/windows", label: "Windows" },
  { href: "/infra", label: "Infrastructure" },
  { href: "/audit", label: "Audit" },
];

function Page({ path, me }: { path: string; me: Whoami }) {
  const run = /^\/runs\/([^/]+)$/.exec(path);
  if (run) return <RunDetail id={decodeURIComponent(run[1]!)} />;
  if (path === "/") return <Matrix />;
  if (path === "/runs") return <Runs />;
  if (path === "/approvals") return <Approvals me={me} />;
  if (path === "/audit") return <Audit />;
  if (path === "/windows") return <Windows />;
  if (path === "/infra") return <Infra />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        No page at <code>{path}</code>.{" "}
        <a href="/" onClick={linkClick}>
          Back to the matrix
        </a>
        .
      </p>
    </section>
  );
}

export function App() {
  const path = usePath();
  const [me, setMeState] = useState<Whoami | null>(null);
  const [checking, setChecking] = useState(true);
  const setMe = useCallback((who: Whoami | null) => {
    setCsrfToken(who?.csrfToken ?? null);
    setMeState(who);
  }, []);

  // A token kept from earlier in this tab, or the session cookie of a single sign-on, is checked
  // once; a stale token signs out.
  useEffect(() => {
    api<Whoami>("GET", "/v1/whoami")
      .then(setMe)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) clearToken();
      })
      .finally(() => setChecking(false));
  }, [setMe]);

  const signOut = useCallback(() => {
    const done = (): void => {
      clearToken();
      setMe(null);
    };
    // A cookie session is ended at the server (with its CSRF token), which clears the cookie.
    if (me?.csrfToken === undefined) done();
    else
      void api("POST", "/auth/logout")
        .catch(() => undefined)
        .finally(done);
  }, [me, setMe]);

  if (checking) return <p className="pad">Checking the sign-in…</p>;
  if (me === null) return <SignIn onSignedIn={setMe} />;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">quikship</span>
        <nav aria-label="Pages">
          {NAV.map((item) => (
            <a
              key={item.href}
              href={item.href}
              onClick={linkClick}
              aria-current={path === item.href ? "page" : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
        <span className="who" data-testid="whoami">
          Signed in as <strong>{me.user}</strong>
          <span data-testid="whoami-groups"> · {me.groups.length > 0 ? me.groups.join(", ") : "no groups"}</span>
          {/* The role is named once: a user called "admin" is not told twice that they are one. */}
          {me.admin && me.user !== "admin" && (
            <span className="badge" title="may do everything in every environment">
              administrator
            </span>
          )}
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Page path={path} me={me} />
      </main>
    </>
  );
}
