// Inclusive ranges, `[from TO to]`, each bound read once per search. A value compares with a bound as a number
// when both are numbers, as a date when both are dates, otherwise as case-folded text. A date alone as a bound is
// that calendar day, compared with the day the value is written in (its own offset): a birth date stored as
// 1990-01-01T00:00:00+01:00 is in [1990-01-01 TO 1990-01-01], and created:[2024-01-01 TO 2024-12-31] includes
// all of Dec 31.
import { datePattern, isDateOnly } from "./dates.js";
import { fold } from "./fold.js";

const numberPattern = /^-?\d+(\.\d+)?$/;

/** Compares a value with the bound: below 0 when the value is before it, 0 when at it, above 0 when after. */
type BoundComparison = (value: string) => number;

function boundComparison(bound: string): BoundComparison {
  const text = fold(bound);
  const byText = (value: string) => {
    const folded = fold(value);
    return folded < text ? -1 : folded > text ? 1 : 0;
  };
  if (numberPattern.test(bound)) {
    const number = Number(bound);
    return (value) => (numberPattern.test(value) ? Number(value) - number : byText(value));
  }
  if (isDateOnly(bound)) {
    return (value) => (datePattern.test(value) ? byText(value.slice(0, 10)) : byText(value));
  }
  if (datePattern.test(bound)) {
    const instant = Date.parse(bound);
    return (value) => {
      const difference = datePattern.test(value) ? Date.parse(value) - instant : Number.NaN;
      return Number.isNaN(difference) ? byText(value) : difference;
    };
  }
  return byText;
}

/** A test of a value against `[from TO to]`; an `undefined` bound is open. */
export function compileRange(from: string | undefined, to: string | undefined): (value: string) => boolean {
  const lower = from === undefined ? undefined : boundComparison(from);
  const upper = to === undefined ? undefined : boundComparison(to);
  return (value) => (lower === undefined || lower(value) >= 0) && (upper === undefined || upper(value) <= 0);
}
