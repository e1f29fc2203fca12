// The one error-flattening step for invalid input, shared by tRPC (the error formatter in
// server/api/trpc.ts) and route handlers (server/http/with-auth.ts): zod issues become
// `{ field: [messages] }` for forms, and one readable message for everything else.

export type FieldErrors = Record<string, string[]>;

type Issue = { path?: readonly PropertyKey[]; message: string };

/** Issues by dotted field path; issues about the whole input go under `_form`. */
export function fieldErrorsOfIssues(issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path?.length ? issue.path.map(String).join(".") : "_form";
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}

/** "Invalid input: email: must be an e-mail address; name: is required" */
export function invalidInputMessage(fieldErrors: FieldErrors): string {
  return `Invalid input: ${Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
    .join("; ")}`;
}
