// Ids in the API's shape: three upper-case letters, `_`, 30 upper-case letters or digits.
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

// Random bytes are drawn from Web Crypto in batches: one call per id cost about as much as the rest of making it.
// Each byte is handed out once.
const pool = new Uint8Array(4096);
let used = pool.length;

/** `count` (at most the pool's size) random bytes, as offsets into `pool` from the returned start. */
function take(count: number): number {
  if (used + count > pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  const start = used;
  used += count;
  return start;
}

/** A random id such as `PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ` (Web Crypto: Node, browsers, workers). */
export function randomId(prefix: string): string {
  const start = take(30);
  let id = `${prefix}_`;
  for (let i = start; i < start + 30; i++) id += alphabet[(pool[i] as number) % 36];
  return id;
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
  const start = take(16);
  let id = "";
  for (let i = start; i < start + 16; i++) id += (pool[i] as number).toString(16).padStart(2, "0");
  return id;
}
