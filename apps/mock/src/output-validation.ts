// Prism's answer validation (`validateOutput`) without its wrappers for an answer that passes: the ajv validators
// are a small part of it, its fp-ts pipes, media-type parsing and per-call lookups around them most of it. The
// same steps run with Prism's own parts, in its order: the documented response for the status, the answer's media
// type against its contents, its body against the content's schema, normalised as Prism normalises it and
// validated by Prism's `validateAgainstSchema` (Prism's ajv instance and compiled-function cache). Whatever does not
// plainly pass (no documented response, a media type or a body that fails, documented answer headers, a form
// body) is handed to Prism's `validateOutput` itself, so its diagnostics and messages are Prism's.
// test/prism-pipeline.test.ts compares the whole path with Prism's.
import type { PrismHttpComponents } from "@stoplight/prism-http";
import { outputValidationParts as prism } from "./prism-components.js";

type ValidateOutput = PrismHttpComponents["validateOutput"];
type Contents = { mediaType: string; schema?: object }[];
const forms = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** `validateOutput` that answers a passing answer itself and hands every other one to Prism's. */
export function withPlainOutputValidation(validateOutput: ValidateOutput): ValidateOutput {
  // Per contents and media type: Prism's choice of content and its normalised schema (`body.js` `validate`).
  const schemas = new WeakMap<Contents, Map<string | undefined, { schema?: object; form: boolean; typeOk: boolean }>>();
  const bodySchema = (contents: Contents, mediaType: string | undefined) => {
    const byType = schemas.get(contents) ?? new Map();
    schemas.set(contents, byType);
    let chosen = byType.get(mediaType);
    if (!chosen) {
      const found = mediaType === undefined ? undefined : prism.findContentByMediaTypeOrFirst(contents, mediaType);
      const content = found?._tag === "Some" ? found.value.content : (contents[0] ?? {});
      const type = found?._tag === "Some" ? (mediaType as string) : "random";
      const typeOk =
        contents.length === 0 || prism.validateMediaType.validateMediaType(contents, mediaType)._tag === "Right";
      chosen = { form: Boolean(prism.is(type, forms)), typeOk, ...(content.schema ? normalised(content.schema) : {}) };
      byType.set(mediaType, chosen);
    }
    return chosen;
  };

  return (options) => {
    const { resource, element } = options;
    const full = () => validateOutput(options);
    try {
      const headers = element.headers ?? {};
      const typeHeaders = Object.keys(headers).filter((name) => name.toLowerCase() === "content-type");
      if (typeHeaders.length > 1) return full();
      const mediaType = typeHeaders[0] === undefined ? undefined : (headers[typeHeaders[0]] as string | undefined);
      const response = prism.findOperationResponse(resource.responses, element.statusCode);
      if (response._tag === "None" || (response.value.headers?.length ?? 0) > 0) return full();
      const { schema, form, typeOk } = bodySchema((response.value.contents ?? []) as Contents, mediaType);
      if (!typeOk || form) return full();
      const bundle = (resource as { __bundled__?: unknown }).__bundled__;
      if (schema && prism.validateAgainstSchema(element.body, schema, false, 1, "body", bundle)._tag === "Some")
        return full();
      return { _tag: "Right", right: element } as ReturnType<ValidateOutput>;
    } catch {
      return full();
    }
  };
}

/** Prism's normalisation of an answer's schema: `allOf` merged (as it is when that fails), write-only fields out. */
function normalised(schema: object): { schema?: object } {
  let merged = schema;
  try {
    merged = prism.mergeAllOf(schema, { deep: true, ignoreAdditionalProperties: true });
  } catch {}
  const stripped = prism.stripWriteOnlyProperties(merged);
  return stripped._tag === "Some" ? { schema: stripped.value } : {};
}
