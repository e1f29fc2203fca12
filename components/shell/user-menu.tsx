"use client";
// The account menu: who is signed in, their role, the theme choice, API tokens and Sign out. A disclosure
// (button + panel): Escape or a click outside closes it and focus returns to the button.
import { useEffect, useId, useRef, useState } from "react";
import { ChevronDown, KeyRound, LogOut } from "lucide-react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { cx } from "@/components/lib/cx";
import { RoleBadge } from "@/components/ui/badge";
import { Button, buttonClasses, focusRing } from "@/components/ui/button";
import { ThemeChoice } from "@/components/theme/theme-choice";
import type { ShellUser } from "./types";

export function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length >= 2 ? words[0]![0]! + words[words.length - 1]![0]! : (words[0] ?? email).slice(0, 2);
  return letters.toUpperCase();
}

export function UserMenu({ user }: { user: ShellUser }) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  async function handleSignOut() {
    setSigningOut(true);
    setError(null);
    try {
      await signOut({ redirect: false });
      // A full page load drops every cached query of the previous user.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a client-side push would keep those caches
      window.location.assign("/signin");
    } catch {
      setSigningOut(false);
      setError("Could not sign out. Check your connection and try again.");
    }
  }

  return (
    <div
      ref={rootRef}
      className="relative"
      onBlur={(e) => {
        // Tabbing out of the menu closes it.
        if (open && !e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-label={`Account menu for ${user.name}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        className={cx("flex items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800", focusRing)}
      >
        <span aria-hidden className="flex size-8 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700 dark:bg-slate-700 dark:text-slate-100">
          {initials(user.name, user.email)}
        </span>
        {/* Not beside the avatar from lg to 2xl, where the main navigation shares the bar and needs the room. */}
        <span className="hidden max-w-40 truncate font-medium text-slate-800 md:inline lg:hidden 2xl:inline dark:text-slate-200">{user.name}</span>
        <ChevronDown aria-hidden className={cx("size-4 text-slate-500 transition-transform", open && "rotate-180")} />
      </button>

      {open && (
        <div
          id={panelId}
          role="region"
          aria-label="Account"
          className="absolute right-0 z-40 mt-2 w-[min(18rem,calc(100vw-1.5rem))] rounded-xl border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <div className="flex items-start gap-3 px-1 pb-3">
            <span
              aria-hidden
              className="flex size-10 shrink-0 items-center justify-center rounded-full bg-slate-200 text-sm font-semibold text-slate-700 dark:bg-slate-700 dark:text-slate-100"
            >
              {initials(user.name, user.email)}
            </span>
            <div className="min-w-0">
              <p className="truncate text-sm font-semibold text-slate-900 dark:text-slate-100">{user.name}</p>
              <p className="truncate text-sm text-slate-600 dark:text-slate-400">{user.email}</p>
              <RoleBadge role={user.role} className="mt-1.5" />
            </div>
          </div>
          <div className="border-t border-slate-200 px-1 py-3 dark:border-slate-800">
            <ThemeChoice />
          </div>
          <div className="border-t border-slate-200 pt-3 dark:border-slate-800">
            <Link href="/account/tokens" onClick={() => setOpen(false)} className={buttonClasses({ variant: "ghost", className: "w-full justify-start" })}>
              <KeyRound aria-hidden className="size-4" />
              API tokens
            </Link>
            {error && (
              <p role="alert" className="mb-2 px-1 text-xs text-red-700 dark:text-red-300">
                {error}
              </p>
            )}
            <Button variant="ghost" className="w-full justify-start" onClick={handleSignOut} pending={signingOut}>
              {!signingOut && <LogOut aria-hidden className="size-4" />}
              Sign out
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
