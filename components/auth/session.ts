import "server-only";
// The signed-in user for server components, read once per request however many layouts ask.
import { cache } from "react";
import { getCurrentUser } from "@/server/auth/current-user";

export const currentUser = cache(getCurrentUser);
