import { PaymentCustomersError, type PaymentCustomersErrorInit } from "./errors.js";

/** Removes the client secret and the bearer tokens from the errors the client builds, in every form a server may echo. */
export interface Scrubber {
  /** Remembers a secret (the client secret, a token); the latest few tokens are kept. */
  add(secret: string): void;
  /** The error with every secret replaced in every field; the same error when there is nothing to replace. */
  error<T>(error: T): T;
}

const keptSecrets = 8;
// Shorter values (a test's "token") cannot be told from ordinary words; real secrets and tokens are far longer.
const minSecretLength = 8;

export function createScrubber(): Scrubber {
  // Each secret with its forms: as typed, form-encoded (how a body is echoed), URL-encoded and JSON-escaped.
  const secrets = new Map<string, string[]>();
  const scrub = (text: string) => {
    for (const forms of secrets.values()) for (const form of forms) text = text.split(form).join("[redacted]");
    return text;
  };
  return {
    add(secret) {
      if (secret.length < minSecretLength || secrets.has(secret)) return;
      const forms = [
        secret,
        new URLSearchParams({ s: secret }).toString().slice(2),
        JSON.stringify(secret).slice(1, -1),
      ];
      try {
        forms.push(encodeURIComponent(secret));
      } catch {
        // A lone surrogate: no URL-encoded form (the form-encoded one writes it as U+FFFD).
      }
      secrets.set(secret, [...new Set(forms)]);
      // The first entry is the client secret, kept for good; tokens come and go.
      if (secrets.size > keptSecrets) secrets.delete([...secrets.keys()][1] as string);
    },
    error<T>(error: T): T {
      if (!(error instanceof PaymentCustomersError) || secrets.size === 0) return error;
      // Every text field (`message` and `cause` are not enumerable, `headers` is kept as it is).
      const { message, cause, headers, violations } = error;
      const init: Record<string, unknown> = { ...(error as object), message, cause, headers };
      for (const key in init) if (typeof init[key] === "string") init[key] = scrub(init[key] as string);
      init.violations = violations?.map(({ location, message }) => ({
        location: location?.map(scrub),
        message: scrub(message),
      }));
      return new PaymentCustomersError(init as unknown as PaymentCustomersErrorInit) as T;
    },
  };
}
