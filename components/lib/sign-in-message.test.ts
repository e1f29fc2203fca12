import { describe, expect, it } from "vitest";
import { signInMessage } from "./sign-in-message";

describe("signInMessage", () => {
  it("keeps the server's messages for wrong credentials and lock-outs", () => {
    expect(signInMessage("CredentialsSignin")).toBe("Wrong e-mail or password.");
    expect(signInMessage(`locked:${new Date(Date.now() + 10 * 60_000).toISOString()}`)).toMatch(/locked for 10 more minutes/);
    expect(signInMessage(null)).toBeNull();
  });

  it("explains a database outage instead of leaking the raw error", () => {
    for (const code of ["unavailable", "Can't reach database server at 127.0.0.1:5432"]) {
      const message = signInMessage(code);
      expect(message).toMatch(/database is unavailable/);
      expect(message).not.toContain("127.0.0.1");
    }
  });
});
