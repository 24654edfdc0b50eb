/** A `q` expression the sandbox cannot evaluate; `position` is 1-based within `q`. */
export class QueryError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`q: ${reason} at position ${position}`);
    this.name = "QueryError";
  }
}
