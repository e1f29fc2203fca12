// The password-length rule's numbers, without zod: the browser's forms import these, and
// importing lib/auth/password-rules.ts would bring zod (about 30 KB gzipped) into their pages.
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
