"use client";
// Shows or hides the schema browser; its state is announced with aria-expanded. An icon only, so
// the toolbar beside it still fits on one line on a laptop screen (phones show the words too).
import { PanelLeftClose, PanelLeftOpen } from "lucide-react";
import { Button } from "@/components/ui/button";
import { SCHEMA_BROWSER_ID } from "./schema-browser";

export function SchemaBrowserToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const Icon = open ? PanelLeftClose : PanelLeftOpen;
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-expanded={open}
      aria-controls={open ? SCHEMA_BROWSER_ID : undefined}
      aria-label="Schema browser"
      title={open ? "Hide the schema browser" : "Show the schema browser: catalogs, schemas, tables and columns"}
      onClick={onToggle}
      className="self-start sm:w-8 sm:self-auto sm:px-0"
    >
      <Icon aria-hidden className="size-4" />
      <span className="sm:hidden">Schema browser</span>
    </Button>
  );
}
