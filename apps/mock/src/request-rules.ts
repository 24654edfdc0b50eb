// What the mock does with a request that breaks the spec. The spec asks more of a request than the API enforces
// (the mandatory contact fields, no unknown fields); what the API would accept, the mock accepts too and reports
// with a warning, unless it runs strict. What the API refuses (no `contact`, a bad `dob`), or what the spec's
// readers cannot rely on (a wrong type, a too long value, a malformed id or query parameter), is refused with
// the API's 400 `ProductFormatException`.
import type { IHttpResponse, PrismHttpComponents } from "@stoplight/prism-http";
import { prismMock } from "./prism-components.js";
import { formatError } from "./sandbox/answers.js";

type MockComponent = PrismHttpComponents["mock"];

/** One of Prism's request-validation results (`IPrismDiagnostic`). */
export interface Violation {
  path?: (string | number)[];
  code?: string | number;
  message: string;
  severity: number;
}

const errorSeverity = 0; // DiagnosticSeverity.Error of @stoplight/types
/** The code of Prism's security diagnostics. */
export const unauthorised = 401;

/** A rule of the spec the request broke but the API would not have refused it for. */
export interface Tolerated {
  /** What the warning says: a path and a rule, never a value (values can be personal data). */
  text: string;
  /** For an unknown field: where it is in the body, to drop it. */
  unknown?: (string | number)[];
}

export interface RequestRules {
  tolerated: Tolerated[];
  refused: Violation[];
}

/** Sorts a request's errors into those the API would accept (`tolerated`, none when `strict`) and the rest. */
export function requestRules(validations: readonly Violation[], strict: boolean): RequestRules {
  const rules: RequestRules = { tolerated: [], refused: [] };
  for (const violation of validations) {
    if (violation.severity !== errorSeverity || violation.code === unauthorised) continue;
    const tolerated = strict ? undefined : tolerate(violation);
    if (tolerated) rules.tolerated.push(tolerated);
    else rules.refused.push(violation);
  }
  return rules;
}

function tolerate({ path = [], code, message }: Violation): Tolerated | undefined {
  if (path[0] !== "body") return undefined;
  const where = path.slice(1).join(".");
  // A contact or address without a field the spec requires: the API's guides say "should", the official demos and
  // production clients leave out the e-mail, the house number or the whole address. The body without `contact`
  // is not here: the API refuses it ("no payload").
  const missing = /required property '([^']+)'$/.exec(message)?.[1];
  if (code === "required" && path.length >= 2 && missing !== undefined)
    return { text: `${where}.${missing} is missing (the spec requires it in requests)` };
  // A field the spec does not know: the API drops what it does not know (a 2019 demo's `address.type` came back
  // nowhere), so the mock drops it too, and says so.
  const unknown = /found '([^']+)'$/.exec(message)?.[1];
  if (code === "additionalProperties" && unknown !== undefined)
    return {
      text: `${where ? `${where}.` : ""}${unknown} is not a field of the spec and was dropped`,
      unknown: [...path.slice(1), unknown],
    };
  return undefined;
}

/** The API's 400 for the refused rules: its own texts where it has one, then every rule the request broke. */
export function refusal(refused: readonly Violation[], strict: boolean): IHttpResponse {
  const texts = new Set<string>();
  for (const { path = [], code } of refused) {
    if ((path.length === 0 || (path[0] === "body" && path.length === 1)) && (code === "required" || code === "type"))
      texts.add("no payload");
    if (path.join(".") === "body.contact.dob") texts.add("invalid dob format");
  }
  const rules = refused.map(({ path = [], message }) => (path.length > 0 ? `${path.join(".")}: ${message}` : message));
  const note = strict ? " (refused because the mock runs strict; the API would accept some of these)" : "";
  return formatError([...texts, ...rules].join("; ").slice(0, 4000 - note.length) + note);
}

/** The body without the unknown fields the tolerated rules name (a copy; the request stays as it came). */
export function withoutUnknownFields(body: unknown, tolerated: readonly Tolerated[]): unknown {
  if (!tolerated.some((rule) => rule.unknown)) return body;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  for (const { unknown } of tolerated) {
    if (!unknown) continue;
    let parent: unknown = copy;
    for (const key of unknown.slice(0, -1)) parent = (parent as Record<string | number, unknown> | undefined)?.[key];
    if (parent && typeof parent === "object")
      delete (parent as Record<string | number, unknown>)[unknown.at(-1) as string];
  }
  return copy;
}

/**
 * Prism's mocker for the static and dynamic modes, with the rules above: a refused request answers the API's 400
 * (unless the request asks for a documented answer with `Prefer: code=NNN`); a tolerated one is answered as if
 * valid.
 */
export function examplesMock(strict: boolean): MockComponent {
  return (options) => {
    const { refused } = requestRules(options.input.validations as Violation[], strict);
    // Prism's security check wants `Bearer` capitalised; the API takes any case of it. The token comes first.
    const authorization = options.input.data.headers?.authorization;
    const bearer = typeof authorization === "string" && /^bearer +\S+/i.test(authorization);
    const noToken = !bearer && options.input.validations.some((v) => v.code === unauthorised);
    if (options.config.code !== undefined || noToken) return prismMock(options);
    if (refused.length > 0) return () => ({ _tag: "Right", right: refusal(refused, strict) });
    const validations = options.input.validations.filter(
      (v) => v.code !== unauthorised && requestRules([v as Violation], strict).tolerated.length === 0,
    );
    if (validations.length === options.input.validations.length) return prismMock(options);
    return prismMock({ ...options, input: { ...options.input, validations } });
  };
}
