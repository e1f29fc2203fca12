"use client";
// A small floating panel (column menu, cell menu) at a point of the viewport: closes on Escape,
// on a click outside and when the page scrolls away under it; focus moves into it on open and
// back to where it was on close. Kept inside the viewport on small screens.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";

export function Popover({
  x,
  y,
  onClose,
  label,
  role = "dialog",
  children,
}: {
  x: number;
  y: number;
  onClose: () => void;
  label: string;
  role?: "dialog" | "menu";
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: x, top: y });
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    setPosition({ left: Math.max(8, Math.min(x, window.innerWidth - width - 8)), top: Math.max(8, Math.min(y, window.innerHeight - height - 8)) });
    const previous = document.activeElement as HTMLElement | null;
    (el.querySelector<HTMLElement>("[data-autofocus], [role=menuitem], input, select, button") ?? el).focus();
    return () => previous?.focus?.();
  }, [x, y]);

  useEffect(() => {
    const down = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onCloseRef.current();
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        onCloseRef.current();
      }
    };
    document.addEventListener("pointerdown", down, true);
    document.addEventListener("keydown", key, true);
    return () => {
      document.removeEventListener("pointerdown", down, true);
      document.removeEventListener("keydown", key, true);
    };
  }, []);

  return createPortal(
    <div
      ref={ref}
      role={role}
      aria-label={label}
      tabIndex={-1}
      className="fixed z-50 max-h-[80vh] w-max max-w-[calc(100vw-16px)] overflow-auto rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-lg outline-none dark:border-slate-700 dark:bg-slate-900"
      style={position}
      onKeyDown={(e) => {
        if (role !== "menu" || (e.key !== "ArrowDown" && e.key !== "ArrowUp")) return;
        e.preventDefault();
        const items = Array.from(ref.current?.querySelectorAll<HTMLElement>("[role=menuitem]:not([disabled])") ?? []);
        const at = items.indexOf(document.activeElement as HTMLElement);
        items[(at + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length]?.focus();
      }}
    >
      {children}
    </div>,
    document.body,
  );
}

export function MenuItem({ onSelect, children, disabled, shortcut }: { onSelect: () => void; children: ReactNode; disabled?: boolean; shortcut?: string }) {
  return (
    <button
      type="button"
      role="menuitem"
      disabled={disabled}
      onClick={onSelect}
      className="flex w-full items-center justify-between gap-6 rounded-md px-2.5 py-1.5 text-left text-slate-800 outline-none hover:bg-slate-100 focus-visible:bg-sky-100 disabled:text-slate-400 dark:text-slate-200 dark:hover:bg-slate-800 dark:focus-visible:bg-sky-900/60 dark:disabled:text-slate-500"
    >
      <span>{children}</span>
      {shortcut && <span className="text-xs text-slate-400 dark:text-slate-500">{shortcut}</span>}
    </button>
  );
}
