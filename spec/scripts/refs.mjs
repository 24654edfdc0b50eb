// The `$ref`s of an OpenAPI document (YAML or JSON text) that the tools downstream cannot follow, each with where it
// is: external ones (the spec is one self-contained file: the types generator, the mock and the breaking-change
// check read it as it is) and dangling ones (a local pointer to nothing). Used by `pnpm generate` and the
// breaking-change check so that both say which `$ref` and where instead of failing with a stack trace.
import { isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml";

/** Follows a local JSON pointer (`#/components/schemas/X`) in `doc`; undefined when it leads nowhere. */
export function followPointer(doc, ref) {
  return ref
    .slice(2)
    .split("/")
    .reduce(
      (value, segment) =>
        value !== null && typeof value === "object"
          ? value[decodeURIComponent(segment).replaceAll("~1", "/").replaceAll("~0", "~")]
          : undefined,
      doc,
    );
}

/**
 * Every `$ref` in `text` that is not a local pointer to something: `{ ref, kind, at, line }`, `kind` "external" or
 * "dangling", `at` the JSON pointer of the object holding it, `line` its 1-based line in `text`.
 */
export function findUnfollowableRefs(text) {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const data = document.toJS();
  const problems = [];
  visit(document, {
    Pair(_, pair, path) {
      if (!isScalar(pair.key) || pair.key.value !== "$ref" || !isScalar(pair.value)) return;
      const ref = String(pair.value.value);
      const kind = !ref.startsWith("#") ? "external" : followPointer(data, ref) === undefined ? "dangling" : undefined;
      if (!kind) return;
      const at = pointerOf(path);
      const line = lineCounter.linePos(pair.value.range?.[0] ?? 0).line;
      problems.push({ ref, kind, at, line });
    },
  });
  return problems;
}

/** One line per problem: `dangling $ref "#/components/schemas/Nope" at #/paths/~1a/get (line 12)`. */
export function describeRef({ ref, kind, at, line }, file) {
  return `${kind} $ref ${JSON.stringify(ref)} at ${at} (${file}:${line})`;
}

// The JSON pointer of the map that holds the `$ref` pair, from the visitor's ancestors (pairs name a key, sequences
// the index of the next ancestor).
function pointerOf(path) {
  const segments = path.flatMap((node, index) => {
    if (isPair(node)) return [String(isScalar(node.key) ? node.key.value : node.key)];
    if (isSeq(node)) return [String(node.items.indexOf(path[index + 1]))];
    return [];
  });
  return `#/${segments.map((segment) => segment.replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;
}
