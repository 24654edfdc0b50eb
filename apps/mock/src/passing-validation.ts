// Prism's validation of a request body and of an answer without its wrappers, for what passes: the ajv validators
// are a small part of Prism's validation, its fp-ts pipes, media-type parsing and per-call lookups around them most
// of it. The same steps run with Prism's own parts, in its order: for an answer the documented response for the
// status, the media type against its contents, the body against the content's schema; for a request body the
// required check, the media type against the documented ones, the body against the schema. Schemas are normalised
// as Prism normalises them and validated by Prism's `validateAgainstSchema` (its ajv instances and compiled-function
// cache). Whatever does not plainly pass goes to Prism's validator itself, so diagnostics and messages are Prism's.
// test/prism-pipeline.test.ts compares the whole path with Prism's.
import type { PrismHttpComponents } from "@stoplight/prism-http";
import { validationParts as prism } from "./prism-components.js";

type ValidateOutput = PrismHttpComponents["validateOutput"];
type Contents = { mediaType?: string; schema?: object }[];
type Chosen = { schema?: object; form: boolean };
const forms = ["application/x-www-form-urlencoded", "multipart/form-data"];
const input = 0;
const output = 1;

/**
 * Prism's body validation (`body.js` `validate`) of `contents` for `mediaType`: the content it picks, that
 * content's schema normalised for the direction, and whether it reads the body as a form. One per contents and type
 * in the process, as Prism's own normalised schemas: engines on one spec's operations share them, and so Prism's
 * compiled validators of them.
 */
function schemaChoice(context: typeof input | typeof output) {
  const chosen = new WeakMap<Contents, Map<string | undefined, Chosen>>();
  return (contents: Contents, mediaType: string | undefined): Chosen => {
    const byType = chosen.get(contents) ?? new Map<string | undefined, Chosen>();
    chosen.set(contents, byType);
    let choice = byType.get(mediaType);
    if (!choice) {
      const found = mediaType === undefined ? undefined : prism.findContentByMediaTypeOrFirst(contents, mediaType);
      const content = found?._tag === "Some" ? found.value.content : (contents[0] ?? {});
      const type = found?._tag === "Some" ? (mediaType as string) : "random";
      choice = { form: Boolean(prism.is(type, forms)), ...(content.schema ? normalised(content.schema, context) : {}) };
      byType.set(mediaType, choice);
    }
    return choice;
  };
}

/** Prism's normalisation of a schema: `allOf` merged (as it is when that fails), read- or write-only fields out. */
function normalised(schema: object, context: typeof input | typeof output): { schema?: object } {
  let merged = schema;
  try {
    merged = prism.mergeAllOf(schema, { deep: true, ignoreAdditionalProperties: true });
  } catch {}
  const stripped = (context === input ? prism.stripReadOnlyProperties : prism.stripWriteOnlyProperties)(merged);
  return stripped._tag === "Some" ? { schema: stripped.value } : {};
}

/** Prism's (`caseless`) reading of a header: the first of that name in any case. */
export function headerOf(headers: Record<string, unknown>, name: string): unknown {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

const chooseInput = schemaChoice(input);
const chooseOutput = schemaChoice(output);
const typeMatches = new WeakMap<Contents, Map<string | undefined, boolean>>();

const responses = new WeakMap<object, Map<number, ReturnType<typeof prism.findOperationResponse>>>();
/** Prism's documented response for a status (`findOperationResponse`), looked up once per operation and status. */
function responseFor(documented: unknown[], status: number): ReturnType<typeof prism.findOperationResponse> {
  const byStatus = responses.get(documented) ?? new Map<number, ReturnType<typeof prism.findOperationResponse>>();
  responses.set(documented, byStatus);
  let response = byStatus.get(status);
  if (!response) {
    response = prism.findOperationResponse(documented, status);
    byStatus.set(status, response);
  }
  return response;
}

/** `validateOutput` that answers a passing answer itself and hands every other one to Prism's. */
export function withPassingOutputValidation(validateOutput: ValidateOutput): ValidateOutput {
  const choose = chooseOutput;
  const typeOk = (contents: Contents, mediaType: string | undefined) => {
    const byType = typeMatches.get(contents) ?? new Map<string | undefined, boolean>();
    typeMatches.set(contents, byType);
    let ok = byType.get(mediaType);
    if (ok === undefined) {
      ok = contents.length === 0 || prism.validateMediaType.validateMediaType(contents, mediaType)._tag === "Right";
      byType.set(mediaType, ok);
    }
    return ok;
  };

  return (options) => {
    const { resource, element } = options;
    const full = () => validateOutput(options);
    try {
      const headers = element.headers ?? {};
      const typeHeaders = Object.keys(headers).filter((name) => name.toLowerCase() === "content-type");
      if (typeHeaders.length > 1) return full();
      const mediaType = typeHeaders[0] === undefined ? undefined : (headers[typeHeaders[0]] as string | undefined);
      const response = responseFor(resource.responses, element.statusCode);
      if (response._tag === "None" || (response.value.headers?.length ?? 0) > 0) return full();
      const contents = (response.value.contents ?? []) as Contents;
      if (!typeOk(contents, mediaType)) return full();
      const { schema, form } = choose(contents, mediaType);
      if (form) return full();
      const bundle = (resource as { __bundled__?: unknown }).__bundled__;
      if (schema && prism.validateAgainstSchema(element.body, schema, false, output, "body", bundle)._tag === "Some")
        return full();
      return { _tag: "Right", right: element } as ReturnType<ValidateOutput>;
    } catch {
      return full();
    }
  };
}

/**
 * True when Prism's request body check (`validateInputBody`) passes for this body and these headers; false where it
 * may not (then Prism's own check decides). Throws where Prism's would (a malformed `Content-Type`).
 */
export function passingBodyCheck() {
  const choose = chooseInput;
  return (
    requestBody: { required?: boolean; contents?: Contents },
    body: unknown,
    headers: Record<string, unknown>,
    length: number,
    bundle: unknown,
  ): boolean => {
    if (requestBody.required && !body) return false;
    const typeHeader = headerOf(headers, "content-type") as string | undefined;
    const mediaType = typeHeader ? prism.parseMIMEHeader(typeHeader)[1] : undefined;
    const contents = requestBody.contents;
    if (length !== 0 && mediaType && contents) {
      const supported = contents.some(
        (content) => !content.mediaType || prism.wildcardMediaTypeMatch(mediaType, content.mediaType),
      );
      if (!supported) return false;
    }
    if (body === null || body === undefined) return true;
    const { schema, form } = choose(contents ?? [], mediaType);
    if (form) return false;
    return !(schema && prism.validateAgainstSchema(body, schema, false, input, "body", bundle)._tag === "Some");
  };
}

type ValidateSecurity = PrismHttpComponents["validateSecurity"];
type Scheme = { type?: string; scheme?: string };
const bearerTypes = new Set(["oauth2", "openIdConnect"]);
const bearerOnly = new WeakMap<object, boolean>();

/**
 * `validateSecurity` that answers a passing request itself where every scheme the operation names is one of
 * Prism's bearer checks (OAuth 2, OpenID Connect, HTTP bearer: an `authorization` header matching
 * `/^Bearer\s.+$/`, whichever alternative): then a request passes when that header does. Every other request and
 * operation goes to Prism's.
 */
export function withPassingSecurity(validateSecurity: ValidateSecurity): ValidateSecurity {
  return (options) => {
    const { resource, element } = options;
    const security = resource.security as Scheme[][] | undefined;
    if (!security || security.length === 0) return validateSecurity(options);
    let plain = bearerOnly.get(security);
    if (plain === undefined) {
      plain = security.every(
        (schemes) =>
          schemes.length > 0 &&
          schemes.every(({ type, scheme }) => bearerTypes.has(type ?? "") || (type === "http" && scheme === "bearer")),
      );
      bearerOnly.set(security, plain);
    }
    const authorization = (element.headers as Record<string, unknown> | undefined)?.authorization;
    if (plain && typeof authorization === "string" && /^Bearer\s.+$/.test(authorization))
      return { _tag: "Right", right: element } as ReturnType<ValidateSecurity>;
    return validateSecurity(options);
  };
}
