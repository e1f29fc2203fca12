// Who is asking: the signed-in user as the tRPC context and the route guard provide it.
import type { Role } from "../auth/roles";

export type StorageActor = { id: string; email: string; role: Role };
