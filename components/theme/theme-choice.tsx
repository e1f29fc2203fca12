"use client";
// Light / Dark / System as a radio group (arrow keys move between the choices).
import { useSyncExternalStore } from "react";
import { Monitor, Moon, Sun } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { readTheme, setTheme, subscribeTheme, type Theme } from "./theme";

const OPTIONS: { value: Theme; label: string; icon: typeof Sun }[] = [
  { value: "light", label: "Light", icon: Sun },
  { value: "dark", label: "Dark", icon: Moon },
  { value: "system", label: "System", icon: Monitor },
];

export function ThemeChoice() {
  const theme = useSyncExternalStore(subscribeTheme, readTheme, () => "system" as Theme);
  return (
    <fieldset>
      <legend className="mb-1.5 text-xs font-medium text-slate-500 dark:text-slate-400">Theme</legend>
      <div className="grid grid-cols-3 gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-800">
        {OPTIONS.map(({ value, label, icon: Icon }) => (
          <label
            key={value}
            className={cx(
              "relative flex cursor-pointer items-center justify-center gap-1.5 rounded-md px-2 py-1.5 text-xs font-medium",
              "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-600 dark:has-[:focus-visible]:outline-sky-400",
              theme === value
                ? "bg-white text-slate-900 shadow-sm dark:bg-slate-950 dark:text-slate-100"
                : "text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100",
            )}
          >
            <input
              type="radio"
              name="portal-theme"
              value={value}
              checked={theme === value}
              onChange={() => setTheme(value)}
              className="absolute inset-0 m-0 cursor-pointer appearance-none rounded-md opacity-0"
            />
            <Icon aria-hidden className="size-3.5" />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
