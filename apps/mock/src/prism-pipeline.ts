// Prism's pipeline (`factory` of @stoplight/prism-core, as its createInstance builds it for a mock) as one straight
// function: route, check security and validate the request, mock, validate the answer. The same parts are called
// with the same arguments in the same order and their results combined as `factory` combines them; what goes is
// its chain of fp-ts TaskEither and Either wrappers, a third of the pipeline's time on a small request.
// test/prism-pipeline.test.ts compares the two on generated requests.
import { createRequire } from "node:module";
import type { IHttpConfig, IHttpRequest, IHttpResponse, PrismHttpComponents } from "@stoplight/prism-http";
import { headerOf, passingBodyCheck } from "./passing-validation.js";
import { validationParts as prism } from "./prism-components.js";

type Components = Pick<
  PrismHttpComponents,
  "route" | "validateSecurity" | "validateInput" | "validateOutput" | "mock" | "logger"
>;
type IHttpOperation = Parameters<PrismHttpComponents["route"]>[0]["resources"][number];
type Diagnostic = { message: string; severity: number; path?: (string | number)[]; code?: string | number };
type Either<L, R> = { _tag: "Left"; left: L } | { _tag: "Right"; right: R };

/** What `factory(...).request(...)()` resolves to for a mock (no proxy). */
export type PipelineResult = Either<
  Error,
  { output: IHttpResponse; validations: { input: Diagnostic[]; output: Diagnostic[] } }
>;

/** `factory`'s request for the mock: same parts, same order, same results. */
export function prismPipeline(
  components: Components,
): (input: IHttpRequest, resources: IHttpOperation[], config: IHttpConfig) => PipelineResult {
  const negotiator = components.logger.child({ name: "NEGOTIATOR" });
  return (input, resources, config) => {
    const routed = components.route({ resources, input }) as Either<Error, IHttpOperation>;
    if (routed._tag === "Left") return routed;
    const resource = routed.right;
    // `factory` sequences the two checks as a validation: every Left's diagnostics, security's first, or none.
    const checks = [
      config.checkSecurity ? components.validateSecurity({ resource, element: input }) : undefined,
      config.validateRequest ? components.validateInput({ resource, element: input }) : undefined,
    ] as (Either<Diagnostic[], unknown> | undefined)[];
    const validations: Diagnostic[] = [];
    for (const check of checks) if (check?._tag === "Left") validations.push(...check.left);
    const mocked = components.mock({
      resource,
      input: { data: input, validations } as Parameters<Components["mock"]>[0]["input"],
      config: config.mock || {},
    })(negotiator) as Either<Error, IHttpResponse>;
    if (mocked._tag === "Left") return mocked;
    const output = mocked.right;
    const checked = config.validateResponse
      ? (components.validateOutput({ resource, element: output }) as Either<Diagnostic[], unknown>)
      : undefined;
    return {
      _tag: "Right",
      right: { output, validations: { input: validations, output: checked?._tag === "Left" ? checked.left : [] } },
    };
  };
}

/**
 * Prism's `validateInput` without its wrappers for what passes. A request whose body passes Prism's body check
 * (passing-validation.ts; no body where none is documented: nothing required, a content length of 0) has its
 * headers, query and path checked by Prism's validators of them straight; any other goes to Prism's
 * `validateInput` for the rest and to its path validator for the path parameters. The path template is parsed once
 * per operation (Prism parses it again on every request, `getPathParams`). The diagnostics are joined in Prism's
 * order (body, headers, query, path).
 */
export function withPassingInputValidation(
  validateInput: Components["validateInput"],
  validators: typeof import("./prism-components.js").parameterValidators,
  Template: typeof import("./prism-components.js").PathTemplate,
): Components["validateInput"] {
  type Parsed = { rest: IHttpOperation; template: { match(path: string): Record<string, string> | null } };
  const parsed = new WeakMap<object, Parsed>();
  const bodyPasses = passingBodyCheck();
  // A path the template does not read (an encoded literal: Prism's router decodes, the template does not) has no
  // parameters: Prism's check decides.
  const pathCheck = (params: Record<string, string> | null, specs: unknown[], bundle: unknown) => {
    const plain = params ? plainPath(specs) : null;
    if (plain && params && plainPathPasses(plain, params, bundle)) return { _tag: "Right", right: params } as never;
    return validators.validatePath(params as Record<string, string>, specs, 0, bundle) as never;
  };
  // Prism's check of an empty query depends on the operation alone: its pass is remembered per operation and
  // bundle; a failing one is Prism's every time.
  const emptyQueryPasses = new WeakMap<object, WeakSet<object>>();
  const queryCheck = (query: Record<string, unknown>, specs: unknown[], bundle: unknown) => {
    const empty = Object.keys(query).length === 0;
    const key = (bundle ?? specs) as object;
    if (empty && emptyQueryPasses.get(specs)?.has(key)) return { _tag: "Right", right: query } as never;
    const checked = validators.validateQuery(query, specs, 0, bundle);
    if (empty && checked._tag === "Right") {
      const passing = emptyQueryPasses.get(specs) ?? new WeakSet<object>();
      emptyQueryPasses.set(specs, passing.add(key));
    }
    return checked as never;
  };
  return ({ resource, element }) => {
    const { request } = resource;
    if (!request) return validateInput({ resource, element });
    const bundle = (resource as { __bundled__?: unknown }).__bundled__;
    const headers = element.headers ?? {};
    const length = Number.parseInt(String(headerOf(headers, "content-length"))) || 0;
    let passes = false;
    try {
      passes = request.body ? bodyPasses(request.body, element.body, headers, length, bundle) : length === 0;
    } catch {
      // Prism's own check throws the same.
    }
    const checks: Either<Diagnostic[], unknown>[] = [];
    if (passes) {
      // Prism's check of no parameters passes whatever was sent (`validateParams`: no schema, no deprecation).
      if (request.headers?.length)
        checks.push(validators.validateHeaders(element.headers || {}, request.headers, 0, bundle) as never);
      if (request.query) checks.push(queryCheck(element.url.query || {}, request.query, bundle));
    } else if (request.path) {
      checks.push(validateInput({ resource: parsedOf(resource).rest, element }) as never);
    } else {
      return validateInput({ resource, element });
    }
    if (request.path) {
      const params = parsedOf(resource).template.match(element.url.path);
      checks.push(pathCheck(params, request.path, bundle));
    }
    const left = checks.flatMap((check) => (check._tag === "Left" ? check.left : []));
    const answer = left.length > 0 ? { _tag: "Left", left } : { _tag: "Right", right: element };
    return answer as unknown as ReturnType<Components["validateInput"]>;
  };

  function parsedOf(resource: IHttpOperation): Parsed {
    let operation = parsed.get(resource);
    if (!operation) {
      operation = {
        rest: { ...resource, request: { ...resource.request, path: undefined } },
        template: new Template(resource.path),
      };
      parsed.set(resource, operation);
    }
    return operation;
  }
}

type PathSpec = { name: string; style?: string; deprecated?: boolean; required?: boolean; schema?: { type?: unknown } };
type PlainPath = { names: string[]; schema: object };
const plainPaths = new WeakMap<object, PlainPath | null>();

/**
 * Prism's reading of path parameters (`validateParams` with the path's deserializers) where it is plain: simple
 * style, no deprecation, neither array nor object, one parameter per lower-cased name. The schema is Prism's
 * (`createJsonSchemaFromParams`); null where Prism's own reading must run.
 */
function plainPath(specs: unknown[]): PlainPath | null {
  let plain = plainPaths.get(specs);
  if (plain === undefined) {
    const params = specs as PathSpec[];
    const names = params.map(({ name }) => name.toLowerCase());
    const readable = params.every(
      ({ name, style, deprecated, schema }) =>
        name.toLowerCase() === name.toLocaleLowerCase() &&
        (style ?? "simple") === "simple" &&
        !deprecated &&
        schema?.type !== "array" &&
        schema?.type !== "object",
    );
    const properties: Record<string, unknown> = {};
    for (const [i, { schema }] of params.entries()) if (schema) properties[names[i] as string] = schema;
    const required = params.filter(({ required }) => required).map(({ name }) => name.toLowerCase());
    plain =
      readable && new Set(names).size === names.length
        ? { names, schema: { type: "object", properties, required: required.filter(Boolean) } }
        : null;
    plainPaths.set(specs, plain);
  }
  return plain;
}

/** True when Prism's path check passes: the values it reads (truthy ones, by lower-cased name) pass its schema. */
function plainPathPasses(plain: PlainPath, params: Record<string, string>, bundle: unknown): boolean {
  const lower: Record<string, unknown> = {};
  for (const name of Object.keys(params)) lower[name.toLowerCase()] = params[name];
  const values: Record<string, unknown> = {};
  for (const name of plain.names) if (lower[name]) values[name] = lower[name];
  return prism.validateAgainstSchema(values, plain.schema, true, 0, "path", bundle)._tag === "None";
}

/**
 * Prism's own `factory` pipeline on the same parts: the reference the straight one is compared with
 * (test/prism-pipeline.test.ts). Loaded when asked, so a start does not load it.
 */
export function factoryPipeline(
  components: Components,
): (input: IHttpRequest, resources: IHttpOperation[], config: IHttpConfig) => Promise<PipelineResult> {
  const require = createRequire(import.meta.url);
  const { factory } = require("@stoplight/prism-core/dist/factory.js") as typeof import("@stoplight/prism-core");
  return (input, resources, config) => {
    const forward = () => {
      throw new Error("the mock never forwards");
    };
    const prism = factory<IHttpOperation, IHttpRequest, IHttpResponse, IHttpConfig>(config, { ...components, forward });
    return prism.request(input, resources, config)() as Promise<PipelineResult>;
  };
}
