/**
 * A reader of the value at a dotted path (`contact.address.city`) as text, `undefined` when absent or not a scalar.
 * The path is split once, so reading it from many records is cheap.
 */
export function valueReader(path: string): (record: unknown) => string | undefined {
  const keys = path.split(".");
  return (record) => {
    let value: unknown = record;
    for (const key of keys) {
      if (value === null || typeof value !== "object") return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    if (typeof value === "string") return value;
    return typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
  };
}

const numberPattern = /^-?\d+(\.\d+)?$/;
const datePattern = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Orders two values for sorting: as numbers when both are numbers, as instants when
 * both are dates (a date alone is its midnight, UTC), otherwise as case-insensitive text.
 */
export function compareValues(a: string, b: string): number {
  if (numberPattern.test(a) && numberPattern.test(b)) return Number(a) - Number(b);
  if (datePattern.test(a) && datePattern.test(b)) {
    const difference = Date.parse(a) - Date.parse(b);
    if (!Number.isNaN(difference)) return difference;
  }
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
}
