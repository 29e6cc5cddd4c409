/**
 * `quikship login` without a token: device authorization (RFC 8628) through the server, which
 * holds the OpenID client. The person confirms a code at the provider in any browser; the CLI
 * polls until the server hands over the new session's secret.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { UnauthenticatedError } from "../errors.js";
import { ApiClient } from "./client.js";

interface DeviceStart {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  intervalSeconds: number;
  expiresInSeconds: number;
}

type DevicePoll = { status: "pending" | "slow-down" } | { status: "done"; token: string; user: string };

/** Signs in at the server's provider; returns the session's secret (a bearer token until it ends). */
export async function deviceLogin(server: string, out: NodeJS.WritableStream): Promise<string> {
  const api = new ApiClient({ server, token: undefined, tokenSource: undefined });
  const start = await api.post<DeviceStart>("/auth/device");
  const link = start.verificationUriComplete ?? start.verificationUri;
  out.write(
    `To sign in, open ${link}\nand confirm the code ${start.userCode} (it expires in ${Math.round(start.expiresInSeconds / 60)} minutes).\n`,
  );
  const deadline = Date.now() + start.expiresInSeconds * 1000;
  let intervalMs = Math.max(1, start.intervalSeconds) * 1000;
  while (Date.now() < deadline) {
    await sleep(intervalMs);
    const polled = await api.post<DevicePoll>("/auth/device/token", { deviceCode: start.deviceCode });
    if (polled.status === "done") return polled.token;
    // RFC 8628 §3.5: slow_down adds 5 seconds to the interval from then on.
    if (polled.status === "slow-down") intervalMs += 5_000;
  }
  throw new UnauthenticatedError(
    `the code ${start.userCode} expired before it was confirmed; run quikship login again`,
  );
}
