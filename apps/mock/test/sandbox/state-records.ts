// Reads a state file (version 2) the way its format is documented, independently of the mock's own loader: a header
// line, then `<crc32> <json>` records; a last record without a line end is torn and ignored, and so are the zeros a
// running (or killed) mock keeps after the records.
import { readFile } from "node:fs/promises";
import { crc32 } from "node:zlib";

export interface StateFileContents {
  header: { format: string; version: number; snapshot: number };
  records: Record<string, unknown>[];
  /** Every merchant's customer ids in creation order, after applying the records. */
  ids: Record<string, string[]>;
  torn: boolean;
}

export async function readStateFile(file: string): Promise<StateFileContents> {
  const text = (await readFile(file, "utf8")).replace(/\0+$/, "");
  const lines = text.split("\n");
  const torn = lines.pop() !== "";
  const header = JSON.parse(lines.shift() ?? "");
  const records = lines.map((line) => {
    const json = line.slice(9);
    if (crc32(json).toString(16).padStart(8, "0") !== line.slice(0, 8)) throw new Error(`bad checksum: ${line}`);
    return JSON.parse(json) as Record<string, unknown>;
  });
  const merchants = new Map<string, Map<string, unknown>>();
  for (const record of records) {
    const { op, merchant, customer, id } = record as {
      op: string;
      merchant: string;
      customer: { id: string };
      id: string;
    };
    if (op === "reset") merchants.clear();
    else if (op === "delete") merchants.get(merchant)?.delete(id);
    else {
      if (!merchants.has(merchant)) merchants.set(merchant, new Map());
      merchants.get(merchant)?.set(customer.id, customer);
    }
  }
  const ids = Object.fromEntries([...merchants].map(([merchant, own]) => [merchant, [...own.keys()]]));
  return { header, records, ids, torn };
}
