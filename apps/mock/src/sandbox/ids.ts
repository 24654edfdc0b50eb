// Ids in the API's shape: three upper-case letters, `_`, 30 upper-case letters or digits.
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A random id such as `PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ` (Web Crypto: Node, browsers, workers). */
export function randomId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(30));
  return `${prefix}_${Array.from(bytes, (byte) => alphabet[byte % 36]).join("")}`;
}

/** The same id for the same name, e.g. a merchant id per OAuth client id (FNV-1a, not a secret). */
export function derivedId(prefix: string, name: string): string {
  let hash = 0x811c9dc5;
  let id = "";
  for (let round = 0; id.length < 30; round++) {
    for (const char of `${round}:${name}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    id += alphabet[hash % 36];
  }
  return `${prefix}_${id}`;
}

/** A random 32-character hexadecimal support id, as the API puts into its error bodies. */
export function supportId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
