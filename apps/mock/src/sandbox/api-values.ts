// Values as the API returns them, which is not always as they were sent: `dob` as midnight UTC, phone numbers
// without separators, timestamps in Berlin local time, and after a PUT the fields it left out as empty strings.

type Contact = Record<string, unknown>;

/**
 * `1991-02-03` comes back `1991-02-03T00:00:00+00:00` (the official PHP and Java SDK tests, since mid-2022); the
 * date-time form a GET returned, sent back in a PUT, keeps its day.
 */
export function dobAsReturned(dob: string): string {
  const day = /^(\d{4}-\d{2}-\d{2})(T00:00:00(Z|[+-]\d{2}:\d{2}))?$/.exec(dob)?.[1];
  return day === undefined ? dob : `${day}T00:00:00+00:00`;
}

/** `0049-123-456789` → `0049123456789`, `+49 555 5555555` → `+495555555555` (the PHP SDK test, a 2021 demo). */
export const phoneAsReturned = (phone: string): string => phone.replace(/[\s\-/().]/g, "");

/** The contact's values as the API stores them. */
export function contactAsReturned(contact: Contact): Contact {
  const stored: Contact = { ...contact };
  if (typeof stored.dob === "string") stored.dob = dobAsReturned(stored.dob);
  for (const field of ["phone", "mobile"]) {
    const value = stored[field];
    if (typeof value === "string") stored[field] = phoneAsReturned(value);
  }
  return stored;
}

/**
 * A PUT replaces the contact: every field it leaves out comes back empty (the Managing Customers guide: "existing
 * data will be overwritten by empty values"; a demo prints `picture: ""`). The address is blanked the same way when
 * the PUT sends one, or leaves it out of a customer that had one. `name` is derived by the server, never blanked.
 */
export function blankOmitted(
  contact: Contact,
  previous: Contact | undefined,
  contactFields: readonly string[],
  addressFields: readonly string[],
): Contact {
  const blanked: Contact = { ...contact };
  for (const field of contactFields)
    if (field !== "name" && field !== "address" && !(field in blanked)) blanked[field] = "";
  const address = blanked.address ?? (previous?.address === undefined ? undefined : {});
  if (address && typeof address === "object") {
    const filled: Contact = { ...(address as Contact) };
    for (const field of addressFields) if (!(field in filled)) filled[field] = "";
    blanked.address = filled;
  }
  return blanked;
}

// `longOffset` names the offset in force at that instant (`GMT+01:00` in winter, `GMT+02:00` in summer), so the
// time zone database decides the daylight-saving switch, not a rule written here.
const berlin = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Berlin",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZoneName: "longOffset",
});

// Formatting with Intl cost more than the rest of a create's own work; the text changes once a second, so the
// last one is kept for the creates within the same second.
let last = { second: Number.NaN, text: "" };

/** An instant as the API writes `created` and `updated`: ISO 8601 in Berlin local time, e.g. `2019-11-15T09:55:10+01:00`. */
export function berlinTime(milliseconds: number): string {
  const second = Math.floor(milliseconds / 1000);
  if (second === last.second) return last.text;
  const parts: Record<string, string> = {};
  for (const { type, value } of berlin.formatToParts(new Date(milliseconds))) parts[type] = value;
  const offset = (parts.timeZoneName ?? "GMT").replace("GMT", "") || "+00:00";
  const text = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
  last = { second, text };
  return text;
}
