// The `Prefer` header Prism's server understands (`code=404, example=company, dynamic=true, seed=1`), read the
// same way, so the engine needs no HTTP server of Prism's.

/** What a request asks of the mocker. */
export interface Preferences {
  code?: number;
  exampleKey?: string;
  dynamic?: boolean;
  seed?: string;
}

/** Reads `Prefer` (or Prism's `__code`, `__example`, `__dynamic`, `__seed` query parameters without it). */
export function preferencesOf(prefer: string | null, query: URLSearchParams): Preferences | { invalid: string } {
  const values = new Map<string, string>();
  if (prefer) {
    for (const part of prefer.split(/[,;]/)) {
      const [key = "", ...rest] = part.split("=");
      if (key.trim() !== "")
        values.set(
          key.trim().toLowerCase(),
          rest
            .join("=")
            .trim()
            .replace(/^"(.*)"$/, "$1"),
        );
    }
  } else {
    for (const key of ["code", "example", "dynamic", "seed"]) {
      const value = query.get(`__${key}`);
      if (value !== null) values.set(key, value);
    }
  }
  const preferences: Preferences = {};
  const code = values.get("code");
  if (code !== undefined) {
    if (!/^\d{3}$/.test(code)) return { invalid: `Prefer: code must be a three-digit status, got "${code}"` };
    preferences.code = Number(code);
  }
  const dynamic = values.get("dynamic");
  if (dynamic !== undefined) {
    if (dynamic !== "true" && dynamic !== "false") return { invalid: `Prefer: dynamic must be true or false` };
    preferences.dynamic = dynamic === "true";
  }
  const example = values.get("example");
  if (example !== undefined) preferences.exampleKey = example;
  const seed = values.get("seed");
  if (seed !== undefined) preferences.seed = seed;
  return preferences;
}
