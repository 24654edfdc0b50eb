// A stored value prepared once for ordering, so a sorted page over many customers compares without re-reading or
// re-parsing values: the same order as the q evaluator's `compareValues` (numbers as numbers when both are
// numbers, instants when both are dates, otherwise case-insensitive text); a test pins the two together.
const numberPattern = /^-?\d+(\.\d+)?$/;
const datePattern = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export interface SortKey {
  text: string;
  /** Set when the value is a number. */
  number?: number;
  /** Set when the value is a date that parses (milliseconds). */
  instant?: number;
}

export function sortKey(value: string): SortKey {
  const key: SortKey = { text: value.toLowerCase() };
  if (numberPattern.test(value)) key.number = Number(value);
  else if (datePattern.test(value)) {
    const instant = Date.parse(value);
    if (!Number.isNaN(instant)) key.instant = instant;
  }
  return key;
}

export function compareKeys(a: SortKey, b: SortKey): number {
  if (a.number !== undefined && b.number !== undefined) return a.number - b.number;
  if (a.instant !== undefined && b.instant !== undefined) return a.instant - b.instant;
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}
