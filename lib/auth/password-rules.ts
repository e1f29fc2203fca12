// The one password-length rule, for the server (user administration, the first admin from
// PORTAL_ADMIN_PASSWORD) and the browser's forms alike. Isomorphic (lib/). Sign-in itself refuses
// only inputs too long to hash (MAX_PASSWORD_BYTES in server/auth/sign-in.ts), so a password
// set before a rule changed still signs in.
import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-length";

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };

/** A new password: what users.create and users.resetPassword accept. */
export const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);
