// The state file's text (version 2): a header line, then one record per line, each with its own checksum. The
// first `snapshot` records are a snapshot of every customer, the rest a journal of changes appended since.
import { crc32 } from "node:zlib";
import type { StoredCustomer } from "../sandbox/store.js";

export const stateFormat = "payment-customers-mock/state";
export const stateVersion = 2;

/** One change of the sandbox: a customer created or replaced, one deleted, or all of them gone. */
export type StateRecord =
  | { op: "put"; merchant: string; customer: StoredCustomer }
  | { op: "delete"; merchant: string; id: string }
  | { op: "reset" };

/** The first line; `snapshot` is how many records after it were written together by a compaction. */
export const headerLine = (snapshot: number) =>
  `${JSON.stringify({ format: stateFormat, version: stateVersion, snapshot })}\n`;

/** `<crc32 of the JSON, 8 hex digits> <JSON>\n`: a torn or damaged record fails its checksum. */
export function recordLine(record: StateRecord): string {
  const json = JSON.stringify(record);
  return `${checksum(json)} ${json}\n`;
}

const checksum = (json: string | Uint8Array) => crc32(json).toString(16).padStart(8, "0");

/** The record line in `bytes` from `start` to `end` (its line end excluded): the record, or why it is not one. */
export function parseRecordLine(bytes: Buffer, start: number, end: number): StateRecord | string {
  const json = bytes.subarray(start + 9, end);
  if (end - start < 9 || bytes[start + 8] !== 32 || checksum(json) !== bytes.toString("latin1", start, start + 8)) {
    return "its checksum does not match";
  }
  let record: unknown;
  try {
    record = JSON.parse(json.toString("utf8"));
  } catch {
    return "it is not valid JSON";
  }
  const { op, merchant, customer, id } = (record ?? {}) as Record<string, unknown>;
  if (op === "reset") return { op };
  if (typeof merchant !== "string") return 'it names no "merchant"';
  if (op === "delete" && typeof id === "string") return { op, merchant, id };
  if (op === "put" && customer && typeof customer === "object" && !Array.isArray(customer)) {
    return { op, merchant, customer: customer as StoredCustomer };
  }
  return "it is not a put, delete or reset record";
}
