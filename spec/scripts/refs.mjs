// The `$ref`s of an OpenAPI document that the tools downstream cannot follow, each with where it is: external ones
// (the spec is one self-contained file: the types generator, the mock and the breaking-change check read it as it
// is) and dangling ones (a local pointer to nothing). `pnpm generate` and the breaking-change check use this to say
// which `$ref` and where, instead of failing with a stack trace.
import { LineCounter, parseDocument } from "yaml";

const decode = (segment) => decodeURIComponent(segment).replaceAll("~1", "/").replaceAll("~0", "~");
const encode = (segment) => String(segment).replaceAll("~", "~0").replaceAll("/", "~1");

/** Follows a local JSON pointer (`#/components/schemas/X`) in `doc`; undefined when it leads nowhere. */
export function followPointer(doc, ref) {
  if (ref === "#") return doc;
  return ref
    .slice(2)
    .split("/")
    .reduce(
      (value, segment) => (value !== null && typeof value === "object" ? value[decode(segment)] : undefined),
      doc,
    );
}

/**
 * Every `$ref` in the parsed document `doc` that is not a local pointer to something: `{ ref, kind, at, path }`,
 * `kind` "external" or "dangling", `at` the JSON pointer of the object holding it, `path` the same as keys.
 */
export function unfollowableRefs(doc) {
  const found = [];
  const walk = (node, path) => {
    if (node === null || typeof node !== "object") return;
    if (typeof node.$ref === "string") {
      const { $ref: ref } = node;
      const kind = !ref.startsWith("#") ? "external" : followPointer(doc, ref) === undefined ? "dangling" : undefined;
      if (kind) found.push({ ref, kind, at: `#/${path.map(encode).join("/")}`, path });
    }
    for (const [key, value] of Object.entries(node)) walk(value, [...path, Array.isArray(node) ? Number(key) : key]);
  };
  walk(doc, []);
  return found;
}

/** {@link unfollowableRefs} of a YAML (or JSON) text, each with the 1-based `line` of its `$ref`. */
export function findUnfollowableRefs(text) {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  return unfollowableRefs(document.toJS()).map((problem) => {
    const node = document.getIn([...problem.path, "$ref"], true);
    return { ...problem, line: lineCounter.linePos(node?.range?.[0] ?? 0).line };
  });
}

/** One line: `dangling $ref "#/components/schemas/Nope" at #/paths/~1a/get (openapi.yaml:12)`. */
export function describeRef({ ref, kind, at, line }, file) {
  return `${kind} $ref ${JSON.stringify(ref)} at ${at}${line ? ` (${file}:${line})` : ""}`;
}
