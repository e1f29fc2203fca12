// What a browser receives from the tRPC endpoint when something goes wrong: the right HTTP
// status, a readable message, field messages for forms, and never a stack trace or internals.
import net from "node:net";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { createPrismaClient, db, setDb } from "../db/client";
import { hashPassword } from "../auth/password";
import type { CurrentUser } from "../auth/current-user";
import { DomainError, DATABASE_UNAVAILABLE_MESSAGE, INTERNAL_ERROR_MESSAGE } from "../errors";
import { errorResponse } from "../http/with-auth";
import { appRouter } from "./root";

let database: TestDatabase;
let admin: CurrentUser;
let viewer: CurrentUser;

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  const add = async (email: string, role: "admin" | "viewer") =>
    database.db.user.create({
      data: { email, name: role, role, passwordHash: await hashPassword("a long password") },
      select: { id: true, email: true, name: true, role: true },
    });
  admin = await add("admin@example.com", "admin");
  viewer = await add("viewer@example.com", "viewer");
});
afterAll(() => database?.close());

type TrpcErrorBody = {
  error: { json: { message: string; code: number; data: { code: string; httpStatus: number; path: string; fieldErrors: Record<string, string[]> | null } } };
};

/** One real HTTP request through tRPC's fetch adapter, as the browser's client sends it. */
async function request(user: CurrentUser | null, procedure: string, input: unknown, method: "POST" | "GET" = "POST") {
  const body = JSON.stringify({ json: input });
  const url = `http://portal.test/api/trpc/${procedure}` + (method === "GET" ? `?input=${encodeURIComponent(body)}` : "");
  const req = new Request(url, method === "POST" ? { method, body, headers: { "content-type": "application/json" } } : { method });
  const res = await fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => ({ user, ip: null, db: db() }) });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as TrpcErrorBody };
}

function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/"stack"/);
  expect(text).not.toMatch(/\s+at .+:\d+:\d+/); // a stack frame
  expect(text).not.toMatch(/node_modules|server\/|prisma|\.ts\b/i);
}

describe("tRPC errors over HTTP", () => {
  it("malformed input: 400 with a readable message and a message per field", async () => {
    const { status, body, text } = await request(admin, "users.create", { email: "not an e-mail", name: "   ", role: "emperor", password: "short" });

    expect(status).toBe(400);
    const { message, data } = body.error.json;
    expect(data.code).toBe("BAD_REQUEST");
    expect(data.fieldErrors).toEqual({
      email: ["must be an e-mail address"],
      name: ["is required"],
      role: ["must be admin, editor or viewer"],
      password: ["must be at least 10 characters"],
    });
    expect(message).toBe("Invalid input: email: must be an e-mail address; name: is required; role: must be admin, editor or viewer; password: must be at least 10 characters");
    expectNoInternals(text);
  });

  it("a missing field is named too", async () => {
    const { status, body } = await request(admin, "users.create", { email: "x@example.com", role: "viewer", password: "long enough pw" });
    expect(status).toBe(400);
    expect(Object.keys(body.error.json.data.fieldErrors ?? {})).toEqual(["name"]);
  });

  it("a conflict from the domain: 409 with its own message and field message", async () => {
    const { status, body, text } = await request(admin, "users.create", { email: "viewer@example.com", name: "Twin", role: "viewer", password: "long enough pw" });
    expect(status).toBe(409);
    expect(body.error.json.message).toBe("A user with the e-mail viewer@example.com already exists.");
    expect(body.error.json.data.fieldErrors).toEqual({ email: ["This e-mail is already in use."] });
    expectNoInternals(text);
  });

  it("a record that does not exist: 404", async () => {
    const { status, body } = await request(admin, "users.changeRole", { userId: "00000000-0000-4000-8000-000000000000", role: "editor" });
    expect(status).toBe(404);
    expect(body.error.json.message).toBe("This user does not exist (any more).");
  });

  it("no session: 401; too low a role: 403", async () => {
    const anonymous = await request(null, "users.list", {}, "GET");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.json.message).toBe("Please sign in.");
    expectNoInternals(anonymous.text);

    const forbidden = await request(viewer, "users.list", {}, "GET");
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.json.message).toBe("This needs the admin role; you are signed in as viewer.");
    expectNoInternals(forbidden.text);
  });

  it("an internal error: 500 with the generic message, and nothing of the real error", async () => {
    // A real fault: the table the query needs is gone.
    await database.db.$executeRawUnsafe(`ALTER TABLE "users" RENAME TO "users_elsewhere"`);
    try {
      const { status, body, text } = await request(admin, "users.list", {}, "GET");
      expect(status).toBe(500);
      expect(body.error.json.message).toBe(INTERNAL_ERROR_MESSAGE);
      expect(body.error.json.data.code).toBe("INTERNAL_SERVER_ERROR");
      expectNoInternals(text);
      expect(text).not.toMatch(/users_elsewhere|does not exist|relation|select/i);
    } finally {
      await database.db.$executeRawUnsafe(`ALTER TABLE "users_elsewhere" RENAME TO "users"`);
    }
  });

  it("the database unreachable: 503 with a message that says so", async () => {
    const closedPort = await freePort();
    const unreachable = createPrismaClient(`postgresql://postgres:secret-pw@127.0.0.1:${closedPort}/portal`, 1);
    setDb(unreachable);
    try {
      const { status, body, text } = await request(admin, "users.list", {}, "GET");
      expect(status).toBe(503);
      expect(body.error.json.message).toBe(DATABASE_UNAVAILABLE_MESSAGE);
      expectNoInternals(text);
      expect(text).not.toContain("secret-pw");
      expect(text).not.toContain(String(closedPort));
    } finally {
      setDb(database.db);
      await unreachable.$disconnect();
    }
  });
});

describe("errorResponse (the route-handler guard's error mapping)", () => {
  const req = new Request("http://portal.test/api/storage/download");

  it("maps domain errors to their HTTP status with the message and field messages", async () => {
    const res = errorResponse(new DomainError("CONFLICT", "Already there.", { name: ["taken"] }), req);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: "Already there.", fieldErrors: { name: ["taken"] } });
    expect(errorResponse(new DomainError("NOT_FOUND", "Gone."), req).status).toBe(404);
    expect(errorResponse(new DomainError("FORBIDDEN", "No."), req).status).toBe(403);
  });

  it("answers 503 when the database is unreachable and 500 with a generic message otherwise", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const unavailable = errorResponse(refused, req);
    expect(unavailable.status).toBe(503);
    expect(await unavailable.json()).toEqual({ error: DATABASE_UNAVAILABLE_MESSAGE });

    const internal = errorResponse(new TypeError("Cannot read properties of undefined (reading 'x')"), req);
    expect(internal.status).toBe(500);
    const text = await internal.text();
    expect(JSON.parse(text)).toEqual({ error: INTERNAL_ERROR_MESSAGE });
    expect(text).not.toContain("reading 'x'");
  });
});

/** A loopback port nothing listens on (bound by the OS, then released). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
