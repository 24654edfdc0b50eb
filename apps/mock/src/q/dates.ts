// Dates in `q` and in stored values: `2024-12-31`, or with a time and an offset (`2024-12-31T10:00:00+01:00`).
// JavaScript's Date.parse rolls impossible dates over (2024-02-30 becomes March 1), so bounds are checked here.

export const datePattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

/** True for a date without a time (`2024-12-31`): as a range bound it stands for that whole calendar day. */
export const isDateOnly = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);

/**
 * Why `text`, written as a date, is not one (`2024-02-30`, `2024-13-01`, `10:61`), or `undefined` when it is one or
 * is not written as a date at all.
 */
export function impossibleDate(text: string): string | undefined {
  const parts = datePattern.exec(text);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = parts.slice(1).map(Number);
  if ((month as number) < 1 || (month as number) > 12) return `month ${parts[2]} does not exist`;
  const daysInMonth = new Date(Date.UTC(year as number, month as number, 0)).getUTCDate();
  if ((day as number) < 1 || (day as number) > daysInMonth) return `day ${parts[3]} does not exist in that month`;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return "the time does not exist";
  if ((offsetHours ?? 0) > 23 || (offsetMinutes ?? 0) > 59) return "the offset does not exist";
  return undefined;
}
