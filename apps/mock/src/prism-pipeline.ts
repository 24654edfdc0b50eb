// Prism's pipeline (`factory` of @stoplight/prism-core, as its createInstance builds it for a mock) as one straight
// function: route, check security and validate the request, mock, validate the answer. The same parts are called
// with the same arguments in the same order and their results combined as `factory` combines them; what goes is
// its chain of fp-ts TaskEither and Either wrappers, a third of the pipeline's time on a small request.
// test/prism-pipeline.test.ts compares the two on generated requests.
import { createRequire } from "node:module";
import type { IHttpConfig, IHttpRequest, IHttpResponse, PrismHttpComponents } from "@stoplight/prism-http";

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
 * Prism's `validateInput` with one parsed path template per operation: Prism's parses the operation's template
 * again on every request to read the path parameters (`getPathParams`). It validates the rest of the request
 * without `request.path`, then the path parameters with its own path validator, and joins the diagnostics in its
 * order (body, headers, query, path).
 */
export function withPathTemplates(
  validateInput: Components["validateInput"],
  validatePath: typeof import("./prism-components.js").validatePath,
  Template: typeof import("./prism-components.js").PathTemplate,
): Components["validateInput"] {
  const parsed = new WeakMap<
    object,
    { rest: IHttpOperation; template: { match(path: string): Record<string, string> } }
  >();
  return ({ resource, element }) => {
    const specs = resource.request?.path;
    if (!specs) return validateInput({ resource, element });
    let operation = parsed.get(resource);
    if (!operation) {
      operation = {
        rest: { ...resource, request: { ...resource.request, path: undefined } },
        template: new Template(resource.path),
      };
      parsed.set(resource, operation);
    }
    const rest = validateInput({ resource: operation.rest, element }) as Either<Diagnostic[], unknown>;
    const bundle = (resource as { __bundled__?: unknown }).__bundled__;
    const path = validatePath(operation.template.match(element.url.path), specs, 0, bundle) as Either<
      Diagnostic[],
      unknown
    >;
    if (rest._tag === "Right" && path._tag === "Right") return rest as ReturnType<Components["validateInput"]>;
    const left = [...(rest._tag === "Left" ? rest.left : []), ...(path._tag === "Left" ? path.left : [])];
    return { _tag: "Left", left } as unknown as ReturnType<Components["validateInput"]>;
  };
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
