// Prism's parts, each loaded when it is first needed. Prism's package entry loads all of them at once: its mocker
// (json-schema-faker and its own ref parser), its forwarder (node-fetch, proxy agents) and its spec readers
// (http-spec with Postman's SDK, json-schema-ref-parser), about half of a start. Every request needs the router and
// the validators; the mocker answers from the spec's examples (static and dynamic modes, `Prefer: code=` in the
// sandbox); the spec readers are for a spec other than the bundled one, whose operations are computed at build time
// (bundled-spec.ts); the mock never forwards (the proxy uses Prism's package entry).
// These modules are not Prism's public API: a require() reads them the same way from the ESM and CJS builds, and
// test/devtool/lazy-load.test.ts checks what a start loads.
import { createRequire } from "node:module";
import type { getHttpOperationsFromSpec, PrismHttpComponents } from "@stoplight/prism-http";

type Components = PrismHttpComponents;

const require = createRequire(import.meta.url);
const prism = (file: string) => require(`@stoplight/prism-http/dist/${file}`);

const noop = () => {};
/**
 * A logger that logs nothing, with the methods Prism calls on its pino logger: Prism's own entry would load pino
 * for a log the mock never writes.
 */
export const silentLogger = {
  child: () => silentLogger,
  ...{ fatal: noop, error: noop, warn: noop, info: noop, success: noop, debug: noop, trace: noop },
} as unknown as Components["logger"];

export const route: Components["route"] = prism("router/index.js").default;

const validator = prism("validator/index.js") as Pick<
  Components,
  "validateInput" | "validateOutput" | "validateSecurity"
>;
export const validateInput: Components["validateInput"] = validator.validateInput;
export const validateOutput: Components["validateOutput"] = validator.validateOutput;
export const validateSecurity: Components["validateSecurity"] = validator.validateSecurity;

type ParamsValidator = (
  target: Record<string, unknown>,
  specs: unknown[],
  context: 0,
  bundle: unknown,
) => { _tag: "Left"; left: unknown[] } | { _tag: "Right" };
/**
 * Prism's validators of path, query and header parameters (the parts of `validateInput` for `request.path`,
 * `request.query` and `request.headers`), and its path template reader.
 */
export const parameterValidators = prism("validator/validators/index.js") as {
  validatePath: ParamsValidator;
  validateQuery: ParamsValidator;
  validateHeaders: ParamsValidator;
};
export const PathTemplate: new (template: string) => { match(path: string): Record<string, string> | null } =
  createRequire(require.resolve("@stoplight/prism-http/dist/validator/index.js"))("uri-template-lite").URI.Template;

let mocker: Components["mock"] | undefined;

/** Prism's mocker, loaded with the first answer it gives. */
export const prismMock: Components["mock"] = (options) => {
  mocker ??= prism("mocker/index.js").default as Components["mock"];
  return mocker(options);
};

/** Prism's operations of a spec (a file path or a document), read by Prism's own spec readers. */
export const readSpecOperations: typeof getHttpOperationsFromSpec = (spec) =>
  (
    prism("utils/operations.js") as { getHttpOperationsFromSpec: typeof getHttpOperationsFromSpec }
  ).getHttpOperationsFromSpec(spec);

const prismRequire = createRequire(require.resolve("@stoplight/prism-http/dist/validator/index.js"));
type Option<T> = { _tag: "None" } | { _tag: "Some"; value: T };
/** The parts Prism's request and answer validation are made of, for validating without its wrappers. */
export const validationParts = {
  findOperationResponse: prism("validator/utils/spec.js").findOperationResponse as (
    responses: unknown[],
    status: number,
  ) => Option<{ contents?: { mediaType: string; schema?: object }[]; headers?: unknown[] }>,
  validateMediaType: validator as unknown as {
    validateMediaType: (contents: unknown[], type?: string) => { _tag: string };
  },
  findContentByMediaTypeOrFirst: prism("validator/validators/body.js").findContentByMediaTypeOrFirst as (
    contents: unknown[],
    type: string,
  ) => Option<{ content: { schema?: object } }>,
  validateAgainstSchema: prism("validator/validators/utils.js").validateAgainstSchema as (
    value: unknown,
    schema: object,
    coerce: boolean,
    context: 0 | 1,
    prefix: string,
    bundle: unknown,
  ) => Option<unknown[]>,
  stripWriteOnlyProperties: prism("utils/filterRequiredProperties.js").stripWriteOnlyProperties as (
    schema: object,
  ) => Option<object>,
  stripReadOnlyProperties: prism("utils/filterRequiredProperties.js").stripReadOnlyProperties as (
    schema: object,
  ) => Option<object>,
  parseMIMEHeader: prism("validator/validators/headers.js").parseMIMEHeader as (
    header: string,
  ) => [string | undefined, string],
  wildcardMediaTypeMatch: prism("validator/utils/wildcardMediaTypeMatch.js").wildcardMediaTypeMatch as (
    a: string,
    b: string,
  ) => boolean,
  mergeAllOf: prismRequire("@stoplight/json-schema-merge-allof") as (schema: object, options: object) => object,
  is: prismRequire("type-is").is as (type: string, types: string[]) => string | false,
};
