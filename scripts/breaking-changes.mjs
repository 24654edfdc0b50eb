// Finds the breaking changes between the last released OpenAPI document and the current one, in plain words.
// A focused checker because the maintained npm diff tools do not run here: openapi-diff 0.24 rejects
// OpenAPI 3.1 ("Swagger Parser only supports versions 3.0.x") and optic downloads a native binary.

import { followPointer, unfollowableRefs } from "../spec/scripts/refs.mjs";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
// A lower value of these narrows what is allowed; a higher value of the LOWER_BOUNDS does.
const UPPER_BOUNDS = ["maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum"];
const LOWER_BOUNDS = ["minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum"];

/**
 * What a "types" change means, for the CLI and the changeset: the wire contract loosens, typed code breaks.
 */
export const TYPES_ONLY_EXPLANATION =
  "These loosen the wire contract (every answer that was valid before is still valid, so code that reads " +
  "answers defensively keeps working), but the generated types follow: TypeScript code that used such a " +
  "field without a check (`customer.contact.address.city`) no longer compiles, and plain JavaScript code " +
  "like it can fail at run time on the answers the new schema admits.";

/**
 * The breaking changes from `released` to `current` (both parsed OpenAPI 3.x documents), one sentence each,
 * in two kinds:
 * - `wire`: a request or answer valid before is no longer valid, e.g.
 *   `GET /customers/{id}: 200 response body property contact.birthplace was removed or renamed`;
 * - `types`: an answer may now be something it could not be before (a field no longer always present, a new
 *   type, alternative or enum value). Nothing valid before becomes invalid, but the generated types widen, so
 *   TypeScript code that relied on the old promise breaks (see {@link TYPES_ONLY_EXPLANATION});
 * and `unresolved`: the `$ref`s of either document that cannot be followed (external or dangling), so what they
 * point to went unchecked: `current spec: dangling $ref "#/components/schemas/Nope" at #/paths/...`.
 */
export function classifyBreakingChanges(released, current) {
  const changes = { wire: new Set(), types: new Set() };
  const docs = { released, current };
  const unresolved = [
    ...unfollowableRefs(released).map((problem) => ({ ...problem, spec: "released spec" })),
    ...unfollowableRefs(current).map((problem) => ({ ...problem, spec: "current spec" })),
  ].map(({ spec, kind, ref, at }) => `${spec}: ${kind} $ref ${JSON.stringify(ref)} at ${at}`);
  compareServers(released.servers, current.servers, (text) => changes.wire.add(`servers: ${text}`));
  const currentOperations = operationsByKey(current);
  for (const [key, old] of operationsByKey(released)) {
    const where = `${old.method.toUpperCase()} ${old.path}`;
    const report = (text, kind = "wire") => changes[kind].add(`${where}: ${text}`);
    const now = currentOperations.get(key);
    if (!now) {
      report("the operation was removed or renamed");
      continue;
    }
    if (old.operation.operationId && old.operation.operationId !== now.operation.operationId) {
      report(`operationId ${old.operation.operationId} was renamed to ${now.operation.operationId ?? "nothing"}`);
    }
    compareSecurity(docs, old, now, report);
    if (old.pathServers || now.pathServers) {
      compareServers(old.pathServers ?? released.servers, now.pathServers ?? current.servers, report);
    }
    compareParameters(docs, old, now, report);
    compareRequestBodies(docs, old.operation.requestBody, now.operation.requestBody, report);
    compareResponses(docs, old.operation.responses ?? {}, now.operation.responses ?? {}, report);
  }
  for (const name of Object.keys(released.components?.schemas ?? {})) {
    if (!current.components?.schemas?.[name]) {
      changes.wire.add(`components.schemas.${name} was removed or renamed (the types package exports it)`);
    }
  }
  return { wire: [...changes.wire], types: [...changes.types], unresolved };
}

/** Every breaking change of {@link classifyBreakingChanges}, both kinds, wire first. */
export function findBreakingChanges(released, current) {
  const { wire, types } = classifyBreakingChanges(released, current);
  return [...wire, ...types];
}

// A client calls the first server by default and may be configured with any: a server URL that is gone is a base
// URL that no longer answers. Only the URLs count (a new description or an added server breaks nothing).
function compareServers(oldServers = [], newServers = [], say) {
  const now = newServers.map(({ url }) => url);
  for (const { url } of oldServers) {
    if (!now.includes(url)) say(`the server URL ${url} was removed or changed (now ${now.join(", ") || "none"})`);
  }
}

// A request is allowed when it meets one of the security alternatives (OpenAPI's `security`: a list of requirement
// objects; `{}` or none at all means anonymous). It breaks when a way that was allowed no longer is: an old
// alternative that no new alternative is at most as demanding as (same or fewer schemes, each with same or fewer
// scopes).
function compareSecurity(docs, old, now, report) {
  const alternatives = (doc, operation) => {
    const list = operation.security ?? doc.security ?? [];
    return list.length === 0 ? [{}] : list;
  };
  const covers = (easier, harder) =>
    Object.entries(easier).every(([scheme, scopes]) =>
      scheme in harder ? (scopes ?? []).every((scope) => (harder[scheme] ?? []).includes(scope)) : false,
    );
  const newAlternatives = alternatives(docs.current, now.operation);
  for (const alternative of alternatives(docs.released, old.operation)) {
    if (newAlternatives.some((next) => covers(next, alternative))) continue;
    const before = showRequirement(alternative);
    report(
      `security: a request with ${before} is no longer allowed; it now needs ${newAlternatives.map(showRequirement).join(" or ")}`,
    );
  }
}

const showRequirement = (requirement) => {
  const parts = Object.entries(requirement).map(([scheme, scopes]) =>
    scopes?.length ? `${scheme} (scopes ${scopes.join(", ")})` : scheme,
  );
  return parts.length === 0 ? "no credentials" : parts.join(" and ");
};

// Operations keyed by method and path template: renaming `{id}` changes the types' `paths` key, so it breaks too.
function operationsByKey(doc) {
  const operations = new Map();
  for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
    const item = resolve(doc, pathItem) ?? {};
    for (const method of METHODS) {
      if (!item[method]) continue;
      const key = `${method} ${path}`;
      const operation = item[method];
      const pathServers = operation.servers ?? item.servers;
      operations.set(key, { method, path, operation, pathParameters: item.parameters ?? [], pathServers });
    }
  }
  return operations;
}

function parametersOf(doc, { operation, pathParameters }) {
  const parameters = new Map();
  for (const raw of [...pathParameters, ...(operation.parameters ?? [])]) {
    const parameter = resolve(doc, raw);
    if (!parameter) continue; // an unfollowable $ref: listed in `unresolved`
    const name = parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name;
    parameters.set(`${parameter.in} parameter ${name}`, parameter);
  }
  return parameters;
}

function compareParameters(docs, old, now, report) {
  const oldParameters = parametersOf(docs.released, old);
  const newParameters = parametersOf(docs.current, now);
  for (const [key, parameter] of oldParameters) {
    const next = newParameters.get(key);
    if (!next) {
      report(`${key} was removed or renamed`);
      continue;
    }
    if (next.required && !parameter.required) report(`${key} is now required`);
    const scope = { base: key, direction: "request", path: "" };
    compareSchema(docs, parameter.schema, next.schema, scope, report);
  }
  for (const [key, parameter] of newParameters) {
    if (parameter.required && !oldParameters.has(key)) report(`new required ${key}`);
  }
}

function compareRequestBodies(docs, oldRaw, newRaw, report) {
  const old = oldRaw && resolve(docs.released, oldRaw);
  const now = newRaw && resolve(docs.current, newRaw);
  if (oldRaw && !old) return; // an unfollowable $ref: listed in `unresolved`
  if (!old) {
    if (now?.required) report("a request body is now required");
    return;
  }
  if (!now) {
    report("the request body was removed");
    return;
  }
  if (now.required && !old.required) report("the request body is now required");
  compareContent(docs, old.content, now.content, { base: "request body", direction: "request", path: "" }, report);
}

function compareResponses(docs, oldResponses, newResponses, report) {
  for (const [status, oldRaw] of Object.entries(oldResponses)) {
    if (!newResponses[status]) {
      report(`the ${status} response was removed`);
      continue;
    }
    const old = resolve(docs.released, oldRaw);
    const now = resolve(docs.current, newResponses[status]);
    const scope = { base: `${status} response body`, direction: "response", path: "" };
    compareContent(docs, old?.content, now?.content, scope, report);
  }
}

function compareContent(docs, oldContent = {}, newContent = {}, scope, report) {
  for (const [mediaType, old] of Object.entries(oldContent)) {
    const now = newContent[mediaType];
    if (!now) report(`${scope.base} is no longer sent as ${mediaType}`);
    else compareSchema(docs, old.schema, now.schema, scope, report);
  }
}

// Compares one schema pair in the direction it travels: readOnly properties are never sent in a request,
// writeOnly ones never come back in a response. `onStack` stops recursion on self-referencing schemas.
function compareSchema(docs, oldRaw, newRaw, scope, report, onStack = []) {
  if (oldRaw === undefined || newRaw === undefined) return;
  if (onStack.some(([a, b]) => a === oldRaw && b === newRaw)) return;
  const stack = [...onStack, [oldRaw, newRaw]];
  const old = resolve(docs.released, oldRaw);
  const now = resolve(docs.current, newRaw);
  if (!old || !now || typeof old !== "object" || typeof now !== "object") return;
  const subject = scope.path ? `${scope.base} property ${scope.path}` : scope.base;
  const say = (text, kind) => report(`${subject} ${text}`, kind);

  const becameAlternatives = ["oneOf", "anyOf"].find((keyword) => now[keyword] && !old[keyword] && !old.allOf);
  if (becameAlternatives) {
    // One schema became alternatives: compare it with its namesake among them; the others are additions.
    const alternatives = new Map(now[becameAlternatives].map((schema, index) => [schemaKey(schema, index), schema]));
    const key = typeof oldRaw.$ref === "string" ? schemaKey(oldRaw, 0) : undefined;
    const next = key === undefined ? undefined : alternatives.get(key);
    if (!next) {
      say(`is now one of ${[...alternatives.keys()].join(", ")}`);
      return;
    }
    compareSchema(docs, oldRaw, next, scope, report, stack);
    const added = [...alternatives.keys()].filter((name) => name !== key);
    if (scope.direction === "response" && added.length > 0) say(`may now also be ${added.join(", ")}`, "types");
    return;
  }

  compareNarrowing(old, now, say);
  if (scope.direction === "response") compareWidening(old, now, say);

  const hidden = (schema) => (scope.direction === "request" ? schema?.readOnly : schema?.writeOnly) === true;
  const child = (path) => ({ ...scope, path: scope.path ? `${scope.path}.${path}` : path });
  const newProperties = now.properties ?? {};
  for (const [name, oldProperty] of Object.entries(old.properties ?? {})) {
    if (hidden(resolve(docs.released, oldProperty))) continue;
    const next = newProperties[name];
    const nextScope = child(name);
    const nextSubject = `${scope.base} property ${nextScope.path}`;
    if (!next) report(`${nextSubject} was removed or renamed`);
    else if (hidden(resolve(docs.current, next))) report(`${nextSubject} is no longer part of the ${scope.direction}`);
    else compareSchema(docs, oldProperty, next, nextScope, report, stack);
  }
  const oldRequired = new Set(old.required ?? []);
  const newRequired = new Set(now.required ?? []);
  if (scope.direction === "request") {
    for (const name of newRequired) {
      const property = newProperties[name];
      if (!oldRequired.has(name) && !(property && hidden(resolve(docs.current, property)))) {
        report(`${scope.base} property ${child(name).path} is now required`);
      }
    }
  } else {
    for (const name of oldRequired) {
      if (!newRequired.has(name) && newProperties[name]) {
        report(`${scope.base} property ${child(name).path} is no longer always present`, "types");
      }
    }
  }
  if (old.items && now.items) {
    compareSchema(docs, old.items, now.items, { ...scope, path: `${scope.path}[]` }, report, stack);
  }
  for (const keyword of ["oneOf", "anyOf", "allOf"]) {
    if (!now[keyword]) continue;
    const alternatives = new Map(now[keyword].map((schema, index) => [schemaKey(schema, index), schema]));
    if (!old[keyword]) continue;
    const oldKeys = new Set(old[keyword].map((schema, index) => schemaKey(schema, index)));
    old[keyword].forEach((schema, index) => {
      const key = schemaKey(schema, index);
      const next = alternatives.get(key);
      if (!next) say(`${keyword} alternative ${key} was removed`);
      else compareSchema(docs, schema, next, scope, report, stack);
    });
    const added = [...alternatives.keys()].filter((name) => !oldKeys.has(name));
    if (scope.direction === "response" && keyword !== "allOf" && added.length > 0) {
      say(`may now also be ${added.join(", ")}`, "types");
    }
  }
}

// The widening rules for answers: an answer may now be something the old types ruled out (a new type such as
// null, a new enum value: an exhaustive `switch` over the old values no longer compiles). Integer to number is no
// widening for TypeScript: both are `number`.
function compareWidening(old, now, say) {
  if (old.enum && now.enum) {
    const added = now.enum.filter((value) => !includesValue(old.enum, value));
    if (added.length > 0) say(`may now also be the enum value ${added.map(show).join(", ")}`, "types");
  }
  if (old.enum && !now.enum) say("is no longer limited to its enum values", "types");
  const oldTypes = typesOf(old);
  const newTypes = typesOf(now);
  if (!oldTypes || !newTypes) return;
  const added = newTypes.filter(
    (type) => !oldTypes.includes(type) && !(type === "number" && oldTypes.includes("integer")),
  );
  if (added.length > 0) say(`may now also be ${added.join(" or ")}`, "types");
}

// The narrowing rules: the new schema rejects something the old one accepted.
function compareNarrowing(old, now, say) {
  const oldTypes = typesOf(old);
  const newTypes = typesOf(now);
  if (oldTypes && newTypes) {
    for (const type of oldTypes) {
      const widened = type === "integer" && newTypes.includes("number");
      if (!newTypes.includes(type) && !widened) say(`no longer accepts type ${type}`);
    }
  }
  if (now.enum) {
    if (!old.enum) say(`is now limited to ${now.enum.map(show).join(", ")}`);
    else for (const value of old.enum) if (!includesValue(now.enum, value)) say(`lost the enum value ${show(value)}`);
  }
  if ("const" in now && !("const" in old && same(old.const, now.const))) say(`is now fixed to ${show(now.const)}`);
  for (const keyword of ["pattern", "format"]) {
    if (now[keyword] === undefined || now[keyword] === old[keyword]) continue;
    say(
      old[keyword] === undefined
        ? `now has the ${keyword} ${show(now[keyword])}`
        : `${keyword} changed from ${show(old[keyword])} to ${show(now[keyword])}`,
    );
  }
  for (const keyword of UPPER_BOUNDS) tighter(keyword, old[keyword], now[keyword], (a, b) => b < a, say);
  for (const keyword of LOWER_BOUNDS) tighter(keyword, old[keyword], now[keyword], (a, b) => b > a, say);
  if (now.additionalProperties === false && old.additionalProperties !== false && typesOf(old)?.includes("object")) {
    say("no longer accepts additional properties");
  }
}

function tighter(keyword, old, now, isTighter, say) {
  if (typeof now !== "number") return;
  if (typeof old !== "number") say(`now has ${keyword} ${now}`);
  else if (isTighter(old, now)) say(`${keyword} changed from ${old} to ${now}`);
}

function typesOf(schema) {
  if (schema.type === undefined) return undefined;
  const types = Array.isArray(schema.type) ? [...schema.type] : [schema.type];
  if (schema.nullable === true) types.push("null"); // OpenAPI 3.0
  return types;
}

function schemaKey(schema, index) {
  return typeof schema.$ref === "string" ? schema.$ref.split("/").pop() : `#${index + 1}`;
}

/**
 * Follows local `$ref`s (`#/components/...`); sibling keywords of a `$ref` (OpenAPI 3.1) override the target.
 * Undefined for a `$ref` that cannot be followed (external, dangling, or `$ref`s that only point at each other): the
 * comparison skips what it points to; {@link classifyBreakingChanges} lists the external and dangling ones in
 * `unresolved`.
 */
export function resolve(doc, node) {
  let current = node;
  for (let hops = 0; current && typeof current === "object" && typeof current.$ref === "string"; hops++) {
    const { $ref, ...siblings } = current;
    if (hops > 32 || !$ref.startsWith("#")) return undefined;
    const target = followPointer(doc, $ref);
    if (target === undefined) return undefined;
    current = Object.keys(siblings).length > 0 ? { ...target, ...siblings } : target;
  }
  return current;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const includesValue = (list, value) => list.some((item) => same(item, value));
const show = (value) => JSON.stringify(value);
