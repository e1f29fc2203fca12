"use client";
// Above the editor: where the statement runs (engine, catalog, schema), how many rows come back,
// and the actions (Run or Cancel, Format, Save) with their shortcuts in the tooltips.
import { AlignLeft, Keyboard, Network, Play, Save, Square } from "lucide-react";
import { Button } from "@/components/ui/button";
import { formatCount } from "../format";
import { ROW_LIMITS, type RowLimit } from "../tabs/tabs-store";
import { Picker } from "./picker";

export type EngineOption = { id: string; label: string; kind: string };

export type ToolbarProps = {
  engines: EngineOption[];
  enginesLoading: boolean;
  engineId: string;
  catalogs: string[];
  catalogsLoading: boolean;
  catalog: string;
  schemas: string[];
  schemasLoading: boolean;
  schema: string;
  limit: RowLimit;
  running: boolean;
  modKey: string;
  onEngine: (engineId: string) => void;
  onCatalog: (catalog: string) => void;
  onSchema: (schema: string) => void;
  onLimit: (limit: RowLimit) => void;
  onRun: () => void;
  onCancel: () => void;
  onFormat: () => void;
  onSave: () => void;
  /** Shows the plan of the selection or the statement under the cursor. */
  onExplain?: () => void;
  /** Opens the keyboard-shortcut sheet. */
  onShortcuts?: () => void;
};

export function Toolbar(p: ToolbarProps) {
  return (
    // Two columns of pickers on phones, one wrapping row from small screens up.
    <div className="grid grid-cols-2 items-center gap-x-3 gap-y-2 sm:flex sm:flex-wrap" role="toolbar" aria-label="Query settings and actions">
      <Picker
        label="Engine"
        value={p.engineId}
        loading={p.enginesLoading}
        options={p.engines.map((e) => ({ value: e.id, label: e.label }))}
        onChange={p.onEngine}
        className="col-span-2 sm:max-w-[19rem]"
      />
      <Picker
        label="Catalog"
        value={p.catalog}
        loading={p.catalogsLoading}
        options={p.catalogs.map((c) => ({ value: c, label: c }))}
        onChange={p.onCatalog}
        className="sm:max-w-[12rem]"
      />
      <Picker
        label="Schema"
        value={p.schema}
        loading={p.schemasLoading}
        options={p.schemas.map((s) => ({ value: s, label: s }))}
        onChange={p.onSchema}
        className="sm:max-w-[12rem]"
      />
      <Picker
        label="Limit"
        value={String(p.limit)}
        options={ROW_LIMITS.map((n) => ({ value: String(n), label: `${formatCount(n)} rows` }))}
        onChange={(v) => p.onLimit(Number(v) as RowLimit)}
        className="col-span-2 sm:max-w-[13rem]"
      />
      <div className="col-span-2 flex items-center justify-end gap-2 sm:ml-auto">
        {p.onShortcuts && (
          <Button size="sm" variant="ghost" onClick={p.onShortcuts} aria-label="Keyboard shortcuts" aria-keyshortcuts="?" title="Keyboard shortcuts (?)" className="w-8 px-0">
            <Keyboard aria-hidden className="size-4" />
          </Button>
        )}
        {p.onExplain && (
          <Button size="sm" variant="ghost" onClick={p.onExplain} title="Show the plan of the selection or the statement under the cursor, without running it">
            <Network aria-hidden className="size-4" />
            Explain
          </Button>
        )}
        <Button size="sm" variant="ghost" onClick={p.onFormat} title="Format SQL (Shift+Alt+F)">
          <AlignLeft aria-hidden className="size-4" />
          Format
        </Button>
        <Button size="sm" onClick={p.onSave} title={`Save query (${p.modKey}+S)`}>
          <Save aria-hidden className="size-4" />
          Save
        </Button>
        {p.running ? (
          <Button size="sm" variant="danger" onClick={p.onCancel} title="Cancel the running query (Esc)" className="min-w-[5.5rem]">
            <Square aria-hidden className="size-3.5 fill-current" />
            Cancel
          </Button>
        ) : (
          <Button size="sm" variant="primary" onClick={p.onRun} title={`Run the selection or the statement under the cursor (${p.modKey}+Enter)`} className="min-w-[5.5rem]">
            <Play aria-hidden className="size-3.5 fill-current" />
            Run
          </Button>
        )}
      </div>
    </div>
  );
}
