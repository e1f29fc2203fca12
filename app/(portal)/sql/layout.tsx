// The SQL section (/sql, /sql/history, /sql/saved) under the portal's header.
import type { ReactNode } from "react";
import { SqlNav } from "@/components/sql/sql-nav";

export default function SqlLayout({ children }: { children: ReactNode }) {
  return (
    <div className="space-y-4">
      <SqlNav />
      {children}
    </div>
  );
}
