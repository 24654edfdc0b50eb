// What one `q` may ask of the sandbox, so one search can never hold the process for other clients. The matcher
// is linear in practice and never backtracks; these bound what is left: the size of a pattern, the number of
// clauses and their nesting, and the total work of one search.

/** Characters (code points) of one value or pattern, after URL-decoding. */
export const maxValueLength = 256;
/** `*` wildcards in one pattern, after runs of `*` are collapsed into one. */
export const maxStars = 16;
/** Clauses (`property:value`) in one `q`: Lucene's default maximum clause count. */
export const maxClauses = 1024;
/** Nesting of parentheses and `NOT` (each `NOT` counts one). */
export const maxDepth = 64;
/**
 * Steps of one search over all of a merchant's customers: one per clause and customer, plus the characters the
 * matcher compares. About a tenth of a second of one core; a search over 100,000 customers with a few clauses
 * stays far below it.
 */
export const maxSearchSteps = 50_000_000;
