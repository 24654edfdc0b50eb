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

/** Everything a request can ask for with `Prefer`: Prism's preferences plus the mock's faults. */
export interface RequestPreferences extends Preferences {
  /** Milliseconds to wait before answering (at most {@link maxDelay}). */
  delay?: number;
  /** `reset`: drop the connection without an answer. */
  fault?: "reset";
  /** Seconds for the `Retry-After` header of an error answer. */
  retryAfter?: number;
}

/** The longest `Prefer: delay` (one minute): longer would only look like a hang. */
export const maxDelay = 60_000;

/** The preferences the mock knows, and RFC 7240's own, which a client may send and the mock leaves alone. */
const known = ["code", "example", "dynamic", "seed", "delay", "fault", "retry-after"];
const standard = new Set(["return", "respond-async", "wait", "handling"]);

/**
 * Reads a whole `Prefer` header, faults included; a value it cannot use or an unknown preference (a typo such as
 * `cod=500`) is an `invalid` that says why, so nothing a request asks for is silently ignored.
 */
export function requestPreferencesOf(prefer: string | null): RequestPreferences | { invalid: string } {
  if (!prefer) return {};
  const base = preferencesOf(prefer, new URLSearchParams());
  if ("invalid" in base) return base;
  const values = new Map<string, string>();
  for (const part of prefer.split(/[,;]/)) {
    const [key = "", ...rest] = part.split("=");
    const name = key.trim().toLowerCase();
    if (name === "") continue;
    if (!known.includes(name) && !standard.has(name))
      return { invalid: `Prefer: unknown preference "${name}"; the mock knows ${known.join(", ")}` };
    values.set(
      name,
      rest
        .join("=")
        .trim()
        .replace(/^"(.*)"$/, "$1"),
    );
  }
  const preferences: RequestPreferences = { ...base };
  const delay = values.get("delay");
  if (delay !== undefined) {
    if (!/^\d+$/.test(delay) || Number(delay) > maxDelay)
      return { invalid: `Prefer: delay must be milliseconds from 0 to ${maxDelay}, got "${delay}"` };
    preferences.delay = Number(delay);
  }
  const fault = values.get("fault");
  if (fault !== undefined) {
    if (fault !== "reset") return { invalid: `Prefer: fault must be "reset", got "${fault}"` };
    preferences.fault = fault;
  }
  const retryAfter = values.get("retry-after");
  if (retryAfter !== undefined) {
    if (!/^\d+$/.test(retryAfter) || Number(retryAfter) > 86_400)
      return { invalid: `Prefer: retry-after must be seconds from 0 to 86400, got "${retryAfter}"` };
    preferences.retryAfter = Number(retryAfter);
  }
  return preferences;
}
