import type { Role } from "@/lib/auth/roles";

/** What the shell shows about the signed-in user (serialisable: passed from server to client). */
export type ShellUser = { name: string; email: string; role: Role };
