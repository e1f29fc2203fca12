// NUL bytes have no business in a URL, a form or JSON: PostgreSQL cannot store them in text, file
// systems end paths at them, and other layers disagree about where a string ends. They are
// refused with a 400 up front instead of failing somewhere deep inside with a 500.

/** A literal NUL, or its percent-encoding, in a raw request target. */
export function urlHasNul(rawUrl: string): boolean {
  return rawUrl.includes("\0") || /%00/i.test(rawUrl);
}

/** JSON text whose strings contain U+0000, written literally or as the escape \u0000. */
export function jsonTextHasNul(text: string): boolean {
  if (text.includes("\0")) return true;
  // "\u0000" is an escape only when its backslash is not itself escaped ("\\u0000" is text).
  return /(?:^|[^\\])(?:\\\\)*\\u0000/i.test(text);
}

/** A decoded form (application/x-www-form-urlencoded) with a NUL in any name or value. */
export function formHasNul(form: URLSearchParams): boolean {
  for (const [name, value] of form) if (name.includes("\0") || value.includes("\0")) return true;
  return false;
}

export const NUL_IN_URL = "Refused: the address contains a NUL byte (%00), which no page or API accepts.";
export const NUL_IN_BODY = "Refused: the request contains a NUL byte (\\u0000), which no field accepts.";
