// Writing text to the clipboard: the async Clipboard API where the page may use it (secure
// contexts), else a hidden textarea and the copy command, which works from a key or click handler.
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // denied (e.g. the document lost focus): fall back below
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  const active = document.activeElement as HTMLElement | null;
  document.body.append(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  active?.focus();
  if (!ok) throw new Error("The browser did not allow copying.");
}
