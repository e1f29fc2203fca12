// What forbidden() shows inside the portal (answered with HTTP 403). Only the admin area calls
// it today, so the role it names is admin's.
import { currentUser } from "@/components/auth/session";
import { Forbidden } from "@/components/admin/forbidden";

export default async function PortalForbidden() {
  const user = await currentUser();
  return <Forbidden required="admin" actual={user?.role ?? "viewer"} />;
}
