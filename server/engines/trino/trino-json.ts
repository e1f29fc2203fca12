// Lossless parsing of Trino's JSON documents. Trino writes bigint values as bare JSON numbers
// with every digit (9007199254740993), and JSON.parse would round them to the nearest double
// (9007199254740992) without a word. We keep integers that a double holds exactly as numbers,
// and turn larger integer literals into decimal strings before parsing, so no digit is lost and
// the values stay JSON-safe (the EngineRow contract: "strings (big integers, …)").
//
// Only integer literals are touched; numbers with a fraction or an exponent are doubles on the
// Trino side (double/real) and JSON.parse reads them exactly as Trino meant.

/** JSON.parse, except that integers beyond ±(2^53 − 1) become strings of their digits. */
export function parseTrinoJson(text: string): unknown {
  // Fast path: an unsafe integer has at least 16 digits; most pages have no such run at all.
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  let out = "";
  let copiedUpTo = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Skip the string literal, honouring escapes.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      let end = i + 1;
      while (end < text.length && /[0-9.eE+-]/.test(text[end]!)) end++;
      const literal = text.slice(i, end);
      if (/^-?\d{16,}$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(copiedUpTo, i)}"${literal}"`;
        copiedUpTo = end;
      }
      i = end - 1;
    }
  }
  return JSON.parse(out + text.slice(copiedUpTo));
}
