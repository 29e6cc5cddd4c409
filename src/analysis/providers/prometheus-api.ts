/**
 * Instant queries against Prometheus's HTTP API (`GET /api/v1/query`). Every failure names the
 * server and the query, and says what to fix: a query Prometheus refuses is the platform file's
 * to fix (not retryable); an unreachable, slow or failing server may recover (retryable).
 */
import { InputError, UnavailableError } from "../../errors.js";

/** One series of an instant vector (a scalar is one series without labels). */
export interface PromSample {
  labels: Record<string, string>;
  value: number;
}

export interface PrometheusServer {
  /** The base URL as written, without credentials: for messages. */
  readonly shown: string;
  readonly endpoint: string;
  readonly authorization: string | undefined;
  readonly timeoutMs: number;
  /** Where the platform file sets this provider (`analysis.provider`, or an environment's): for messages. */
  readonly setting: string;
}

/** Credentials in the URL (`http://user:pass@host`) become a Basic header: fetch refuses them in the URL. */
export function prometheusServer(url: string, timeoutMs: number, setting = "analysis.provider"): PrometheusServer {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new InputError(
      `${setting}.url: "${url}" is not a URL; give the Prometheus server's base URL, such as http://prometheus:9090`,
      { cause: error },
    );
  }
  const authorization =
    parsed.username || parsed.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString("base64")}`
      : undefined;
  parsed.username = "";
  parsed.password = "";
  const base = parsed.toString().replace(/\/+$/, "");
  return { shown: base, endpoint: `${base}/api/v1/query`, authorization, timeoutMs, setting };
}

interface ApiResponse {
  status?: unknown;
  errorType?: unknown;
  error?: unknown;
  data?: { resultType?: unknown; result?: unknown };
}

/**
 * Evaluates `promql` at `time` (Unix seconds; the same for every query of one sample, so the
 * counters agree). `setting` names the template in messages (`analysis.provider.queries.errors`, or an environment's).
 */
export async function instantQuery(
  server: PrometheusServer,
  promql: string,
  setting: string,
  time: number,
  signal?: AbortSignal,
): Promise<PromSample[]> {
  const where = `Prometheus at ${server.shown}`;
  const which = `query ${setting}: ${promql}`;
  const timeout = AbortSignal.timeout(server.timeoutMs);
  const url = `${server.endpoint}?${new URLSearchParams({ query: promql, time: time.toFixed(3) }).toString()}`;
  let response: Response;
  let body: string;
  try {
    const headers: Record<string, string> = { accept: "application/json" };
    if (server.authorization) headers.authorization = server.authorization;
    response = await fetch(url, { headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    body = await response.text();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) {
      throw new UnavailableError(
        `${where} did not answer within ${server.timeoutMs} ms (${which}); make the query cheaper or raise ${server.setting}.timeout`,
        { cause: error },
      );
    }
    throw new UnavailableError(
      `${where} could not be reached (${reasonOf(error)}; ${which}); check ${server.setting}.url and that Prometheus is running`,
      { cause: error },
    );
  }
  const parsed = parseJson(body);
  if (parsed?.status === "success") return samplesOf(parsed, where, which);
  if (parsed?.status === "error") {
    const detail = `${String(parsed.errorType)}: ${String(parsed.error)}`;
    // bad_data: the query does not parse; execution: it cannot run as written (duplicate series, too many samples).
    if (parsed.errorType === "bad_data" || parsed.errorType === "execution")
      throw new InputError(`${where} refused the query (${detail}; ${which}); fix ${setting} in the platform file`);
    throw new UnavailableError(`${where} failed to run the query (${detail}; ${which})`);
  }
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  if (response.status >= 500 || response.status === 429)
    throw new UnavailableError(`${where} answered ${status} (${which})`);
  throw new InputError(
    `${where} answered ${status} without a Prometheus API response at ${server.endpoint} (${which}); ${server.setting}.url must be the base URL of a Prometheus server, without /api/v1`,
  );
}

function parseJson(body: string): ApiResponse | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

function samplesOf(response: ApiResponse, where: string, which: string): PromSample[] {
  const { resultType, result } = response.data ?? {};
  const number = (value: unknown): number => {
    const n = Array.isArray(value) ? Number(value[1]) : NaN;
    if (!Number.isFinite(n))
      throw new InputError(`${where} returned ${JSON.stringify(value)}, not a finite number (${which})`);
    return n;
  };
  if (resultType === "scalar") return [{ labels: {}, value: number(result) }];
  if (resultType === "vector" && Array.isArray(result)) {
    const series = result as unknown[] as { metric?: Record<string, string>; value?: unknown }[];
    return series.map((s) => ({ labels: s.metric ?? {}, value: number(s.value) }));
  }
  throw new InputError(
    `${where} returned a ${String(resultType)} (${which}); the query must give an instant vector or a scalar`,
  );
}

function reasonOf(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message || String((cause as NodeJS.ErrnoException).code ?? cause.name);
  return error instanceof Error ? error.message : String(error);
}
