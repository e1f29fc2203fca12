// HTTP to a Trino coordinator through the npm `trino-client` (0.2.9), with the parts of the
// protocol that its query iterator leaves out (/work/shared/trino/protocol.md §1, §5):
//
// - We use the client's own request() (its axios instance: server URL, HTTPS agent built from
//   `ssl`, basic auth, X-Trino-Source) for every call, but follow `nextUri` ourselves instead of
//   its QueryIterator, because the iterator never yields the POST reply (no query id and no
//   QUEUED progress until the first GET returns), silently skips data-less pages (no progress
//   while a query computes), cannot be aborted mid-request and parses JSON with JSON.parse
//   (bigint digits lost). request() accepts an axios config, so we pass an AbortSignal, a
//   timeout and a raw-text response that trino-json.ts parses losslessly.
// - Connections: trino-client builds an https.Agent without keep-alive for every client, so each
//   page of a result opened its own TLS connection (two 6-page results: 12 handshakes). The
//   transport owns one keep-alive agent per engine (http and https) and hands it to every request,
//   so pages and statements reuse warm connections. Idle sockets are closed after
//   IDLE_SOCKET_MS, well before the usual server/load-balancer idle timeouts (Trino's HTTP server
//   200 s, nginx 75 s, AWS ALB 60 s), so a reused socket is rarely one the far side has dropped.
// - Datetimes: every statement declares X-Trino-Client-Capabilities: PARAMETRIC_DATETIME;
//   without it Trino reports timestamp(6)/time(6)/… columns as plain `timestamp`/`time` and
//   rounds their values to milliseconds (ProtocolUtil/JsonEncodingUtils in trinodb/trino).
// - trino-client keeps session response headers (X-Trino-Set-Catalog, …) in the client
//   object and applies them to every later request. One portal serves many users, so each
//   statement gets its own client (cheap: an axios config; connections come from the shared pool), and a USE in one
//   user's statement never leaks into another's.
// - Retries: 502/503/504 are transient (gateways, a coordinator starting up) and are retried
//   for every method with linear back-off (attempt × retryDelayMs), like the Java client
//   (protocol.md §1.7). Network errors are retried only for GET/DELETE: a POST that may have
//   reached the coordinator is not sent twice, and a refused connection fails fast.
import http from "node:http";
import https from "node:https";
import { BasicAuth, Trino } from "trino-client";
import { EngineQueryError } from "../query-engine";
import { parseTrinoJson } from "./trino-json";

export type TrinoConnectionConfig = {
  /** Coordinator URL, e.g. https://trino.example.com:8443 */
  url: string;
  /** X-Trino-Source (default "lakehouse-portal"). */
  source?: string;
  /**
   * How the portal authenticates: HTTP basic credentials of its service account, or a JWT sent as
   * `Authorization: Bearer` (Trino's JWT authenticator). X-Trino-User still names the portal user
   * unless `runAs` is set.
   */
  auth?: { user: string; password: string } | { token: string } | null;
  /**
   * Impersonation off: every request runs as this Trino user instead of the signed-in portal user
   * (Admin › Connections, "Run queries as the signed-in user" unchecked). Unset: the portal user.
   */
  runAs?: string | null;
  /** Where an operator fixes the credentials, for 401 messages (default: the TRINO_* variables). */
  credentialsHint?: string;
  /** Passed to the HTTPS agent: a private CA and/or rejectUnauthorized=false. */
  ssl?: { ca?: string | Buffer; rejectUnauthorized?: boolean } | null;
  /** Per-request timeout (default 60 s; Trino answers a nextUri within about a second). */
  requestTimeoutMs?: number;
  /** Attempts for a transient failure, first one included (default 5). */
  maxAttempts?: number;
  /** Back-off unit between attempts (default 100 ms). */
  retryDelayMs?: number;
};

/** The subset of an axios request config we hand to trino-client's request(). */
type RequestConfig = {
  method: "GET" | "POST" | "DELETE";
  url: string;
  httpAgent: http.Agent;
  httpsAgent: https.Agent;
  data?: string;
  headers: Record<string, string>;
  signal?: AbortSignal;
  timeout: number;
  responseType: "text";
  transformResponse: ((data: unknown) => unknown)[];
};

type Requester = { request(config: RequestConfig): Promise<unknown> };

/** What an axios failure looks like (duck-typed: axios is trino-client's dependency, not ours). */
type HttpFailure = { code?: string; message?: string; response?: { status?: number; statusText?: string; data?: unknown }; cause?: { code?: string } };

export class TrinoHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}`);
  }
}

const TRANSIENT_STATUS = new Set([502, 503, 504]);
const TRANSIENT_NETWORK = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "ECONNABORTED", "EPIPE", "EAI_AGAIN", "ERR_SOCKET_CONNECTION_TIMEOUT"]);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|EPROTO|SSL/;

/** How long a pooled connection may sit unused before we close it (see the header comment). */
export const IDLE_SOCKET_MS = 15_000;

/** What the portal can read (protocol headers.json: X-Trino-Client-Capabilities). */
export const CLIENT_CAPABILITIES = "PARAMETRIC_DATETIME";

export class TrinoTransport {
  readonly origin: string;
  private readonly timeout: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  /** One pool of kept-alive connections per engine, shared by all its statements. */
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(private readonly config: TrinoConnectionConfig) {
    const url = new URL(config.url);
    this.origin = url.origin; // no credentials or path in messages
    this.timeout = config.requestTimeoutMs ?? 60_000;
    this.maxAttempts = Math.max(1, config.maxAttempts ?? 5);
    this.retryDelayMs = config.retryDelayMs ?? 100;
    // `timeout` on a keep-alive agent is the idle timeout of a pooled socket; a request in
    // progress has axios' own timeout instead. lifo: the warmest socket is used first.
    const pooled = { keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: "lifo" as const };
    this.httpAgent = new http.Agent(pooled);
    this.httpsAgent = new https.Agent({ ...pooled, ...(config.ssl ?? {}) });
  }

  /** Closes the pooled connections (the engine is being replaced or the portal stops). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** A fresh trino-client for one statement (see the header comment on session isolation). */
  open(session: { catalog?: string | null; schema?: string | null; properties?: Record<string, string> } = {}): Requester {
    const trino = Trino.create({
      server: this.config.url,
      source: this.config.source ?? "lakehouse-portal",
      ...(session.catalog ? { catalog: session.catalog } : {}),
      ...(session.schema ? { schema: session.schema } : {}),
      // X-Trino-Session: name=value,… on every request of this statement (trino-client joins
      // them without URL-encoding, so values must be plain tokens such as "300s").
      ...(session.properties && Object.keys(session.properties).length > 0 ? { session: session.properties } : {}),
      ...(this.config.auth && "password" in this.config.auth ? { auth: new BasicAuth(this.config.auth.user, this.config.auth.password) } : {}),
      // No `ssl`: TLS settings live on our pooled agent, which send() passes with every request.
    });
    // Trino#client is private in the typings but a plain field at run time (trino-client 0.2.9,
    // pinned in package.json); fail loudly if a new version moves it.
    const client = (trino as unknown as { client?: Partial<Requester> }).client;
    if (!client || typeof client.request !== "function") throw new Error("trino-client no longer exposes Trino#client.request(); the Trino adapter needs updating");
    return client as Requester;
  }

  /**
   * One protocol request; resolves to the parsed JSON document (null for an empty body, e.g.
   * 204). Throws TrinoHttpError for a non-2xx answer, or the underlying failure.
   */
  async send(client: Requester, request: { method: "GET" | "POST" | "DELETE"; url: string; body?: string; user: string; signal?: AbortSignal }): Promise<unknown> {
    const headers: Record<string, string> = {
      // The portal user on every request (the Java client re-sends it too): Trino checks
      // impersonation on submit and kill-query rights on DELETE /v1/query/{id}.
      "X-Trino-User": this.config.runAs || request.user,
      // Session headers belong on the submitting POST only (protocol.md §1.1).
      ...(request.method === "POST" ? { "Content-Type": "text/plain; charset=utf-8", "X-Trino-Client-Capabilities": CLIENT_CAPABILITIES } : {}),
      ...(this.config.auth && "token" in this.config.auth ? { Authorization: `Bearer ${this.config.auth.token}` } : {}),
    };
    for (let attempt = 1; ; attempt++) {
      try {
        const text = await client.request({
          method: request.method,
          url: request.url,
          httpAgent: this.httpAgent,
          httpsAgent: this.httpsAgent,
          ...(request.body !== undefined ? { data: request.body } : {}),
          headers,
          ...(request.signal ? { signal: request.signal } : {}),
          timeout: this.timeout,
          responseType: "text",
          transformResponse: [(data) => data],
        });
        return typeof text === "string" && text.trim() !== "" ? parseTrinoJson(text) : null;
      } catch (err) {
        if (request.signal?.aborted) throw err;
        const failure = err as HttpFailure;
        const status = failure.response?.status;
        const code = failure.code ?? failure.cause?.code ?? "";
        const transient = status !== undefined ? TRANSIENT_STATUS.has(status) : request.method !== "POST" && TRANSIENT_NETWORK.has(code);
        if (!transient || attempt >= this.maxAttempts) {
          if (status !== undefined) throw new TrinoHttpError(status, typeof failure.response?.data === "string" ? failure.response.data : "");
          throw err;
        }
        await sleep(attempt * this.retryDelayMs, request.signal);
      }
    }
  }

  /** A failure of send() as the port's error, with a message an operator can act on. */
  toEngineError(err: unknown, queryId?: string): EngineQueryError {
    if (err instanceof EngineQueryError) return err;
    const where = `Trino at ${this.origin}`;
    if (err instanceof TrinoHttpError) {
      const detail = err.body
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, 300);
      if (err.status === 401) {
        return new EngineQueryError(
          "unavailable",
          this.config.auth
            ? `${where} rejected the portal's credentials (HTTP 401 Unauthorized): check ${this.config.credentialsHint ?? "TRINO_USER and TRINO_PASSWORD"}.`
            : `${where} requires authentication (HTTP 401 Unauthorized): set ${this.config.credentialsHint ?? "TRINO_USER and TRINO_PASSWORD"}.`,
          { errorName: "HTTP_401", queryId },
        );
      }
      if (err.status === 403) {
        // e.g. the service account may not impersonate this portal user, or may not kill the query.
        return new EngineQueryError("user", `${where} denied the request (HTTP 403 Forbidden)${detail ? `: ${detail}` : "."}`, { errorName: "HTTP_403", queryId });
      }
      if (TRANSIENT_STATUS.has(err.status)) {
        return new EngineQueryError("unavailable", `${where} is unavailable (HTTP ${err.status}), still after ${this.maxAttempts} attempts.`, {
          errorName: `HTTP_${err.status}`,
          queryId,
        });
      }
      return new EngineQueryError("engine", `${where} answered HTTP ${err.status}${detail ? `: ${detail}` : "."}`, { errorName: `HTTP_${err.status}`, queryId });
    }
    const failure = (err ?? {}) as HttpFailure;
    const code = failure.code ?? failure.cause?.code ?? "";
    if (code === "ECONNREFUSED") return new EngineQueryError("unavailable", `Cannot reach ${where}: connection refused. Is the coordinator running?`, { errorName: code, queryId });
    if (code === "ENOTFOUND" || code === "EAI_AGAIN")
      return new EngineQueryError("unavailable", `Cannot reach ${where}: the host name does not resolve.`, { errorName: code, queryId });
    if (code === "ECONNABORTED" || code === "ETIMEDOUT" || /timeout/i.test(failure.message ?? "")) {
      const limit = this.timeout >= 1000 ? `${Math.round(this.timeout / 1000)} s` : `${this.timeout} ms`;
      return new EngineQueryError("unavailable", `${where} did not answer within ${limit}.`, { errorName: "TIMEOUT", queryId });
    }
    if (TLS_CODES.test(code)) {
      return new EngineQueryError(
        "unavailable",
        `TLS connection to ${where} failed (${code}): check ${this.config.credentialsHint ? "the connection's CA certificate" : "TRINO_CA_FILE, or TRINO_TLS_INSECURE for a test cluster"}.`,
        {
          errorName: code,
          queryId,
        },
      );
    }
    if (err instanceof SyntaxError) return new EngineQueryError("engine", `${where} sent a response that is not a Trino query result.`, { queryId });
    if (code) return new EngineQueryError("unavailable", `Cannot reach ${where}: ${failure.message ?? code} (${code}).`, { errorName: code, queryId });
    return new EngineQueryError("engine", `${where}: ${err instanceof Error ? err.message : String(err)}`, { queryId });
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
