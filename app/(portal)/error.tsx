"use client";
// Errors inside a signed-in page: shown within the portal frame, so navigation stays usable.
import { ErrorView } from "@/components/errors/error-view";

export default function PortalError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorView error={error} retry={retry} />;
}
