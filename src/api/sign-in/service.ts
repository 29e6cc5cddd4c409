import type { SessionRefresher } from "../credentials.js";

/** Who the provider says signed in, with their groups mapped to the platform's. */
export interface Identity {
  user: string;
  subject: string;
  groups: string[];
  refreshToken: string | null;
}

/** What the browser keeps (in an HTTP-only cookie) between the redirect to the provider and the callback. */
export interface PendingBrowserSignIn {
  state: string;
  verifier: string;
  nonce: string;
  /** Where the dashboard goes after signing in (a path of this server). */
  returnTo: string;
}

export interface DeviceStart {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string | undefined;
  intervalSeconds: number;
  expiresInSeconds: number;
}

export type DevicePoll = { status: "pending" | "slow-down" } | { status: "done"; identity: Identity };

/** Single sign-on with an OpenID provider: the relying party's side. */
export interface SignInService extends SessionRefresher {
  /** The provider's authorization URL (code flow with PKCE) and what the callback must check. */
  startBrowser(redirectUri: string, returnTo: string): Promise<{ url: string; pending: PendingBrowserSignIn }>;
  /** Exchanges the callback's code; throws an UnauthenticatedError when the provider or the checks refuse. */
  finishBrowser(callbackUrl: URL, redirectUri: string, pending: PendingBrowserSignIn): Promise<Identity>;
  startDevice(): Promise<DeviceStart>;
  pollDevice(deviceCode: string): Promise<DevicePoll>;
}
