// Shared test helpers: a refusal is a DomainError with a code and a message for users.
import { expect } from "vitest";
import { DomainError } from "../errors";
import type { Db } from "../db/client";
import type { CurrentUser } from "../auth/current-user";

/** The DomainError a promise rejects with (fails the test if it resolves or throws anything else). */
export async function domainErrorOf(promise: Promise<unknown>): Promise<DomainError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "expected a DomainError").toBeInstanceOf(DomainError);
  return err as DomainError;
}

/** A user row to act as, with a throw-away password hash (these tests never sign in). */
export async function createTestUser(db: Db, email: string, role: CurrentUser["role"]): Promise<CurrentUser> {
  const u = await db.user.create({ data: { email, name: email, role, passwordHash: "x" } });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}
