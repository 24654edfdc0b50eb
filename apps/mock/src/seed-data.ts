// Seeding the sandbox: customers created for a merchant through the engine, so each is validated against the spec
// and stored exactly as a `POST /api/v2/Payment/Customers` would store it. Used by `--seed-data <file>` at start and
// by `POST /__sandbox/merchants/{clientId}/customers`.
import { readFile } from "node:fs/promises";
import type { Handler } from "./engine.js";
import type { TokenIssuer } from "./sandbox/oauth.js";

/** A `--seed-data` file: client id (merchant) → the create bodies of its customers (`{ "contact": { ... } }`). */
export type SeedData = Record<string, unknown[]>;

export interface Seeder {
  /** Creates the customers in order; on the first one the API would refuse, removes those it created and throws. */
  seed(merchant: string, customers: unknown[]): Promise<unknown[]>;
}

export class SeedError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly answer?: unknown,
  ) {
    super(message);
  }
}

export function createSeeder(
  engine: () => Handler,
  tokens: TokenIssuer,
  credentials: ReadonlyMap<string, string> | undefined,
): Seeder {
  const base = "http://sandbox.local/api/v2/Payment/Customers";
  return {
    async seed(merchant, customers) {
      if (merchant === "") throw new SeedError("the merchant (client id) is empty", 400);
      if (credentials && !credentials.has(merchant))
        throw new SeedError(`"${merchant}" is not a client id given with --credentials`, 400);
      const issued = tokens.issue({
        grant_type: "client_credentials",
        client_id: merchant,
        client_secret: credentials?.get(merchant) ?? "seed",
      }).body as { access_token: string };
      const authorization = `Bearer ${issued.access_token}`;
      const created: { id: string }[] = [];
      for (const [index, customer] of customers.entries()) {
        const answer = await engine()(
          new Request(base, {
            method: "POST",
            headers: { authorization, "content-type": "application/json" },
            body: JSON.stringify(customer),
          }),
        );
        const body = await answer.json().catch(() => undefined);
        if (answer.status !== 200) {
          for (const { id } of created)
            await engine()(new Request(`${base}/${id}`, { method: "DELETE", headers: { authorization } }));
          throw new SeedError(
            `customer ${index} of "${merchant}" was refused with ${answer.status}; none of this list was kept`,
            422,
            body,
          );
        }
        created.push(body as { id: string });
      }
      return created;
    },
  };
}

/** Reads a `--seed-data` file, saying what is wrong with it. */
export async function readSeedData(file: string): Promise<SeedData> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new Error(`--seed-data ${file}: ${(error as Error).message.replace(/"[^"]*"/g, "…")}`);
  }
  const valid =
    typeof data === "object" && data !== null && !Array.isArray(data) && Object.values(data).every(Array.isArray);
  if (!valid) throw new Error(`--seed-data ${file}: must be {"<client id>": [{"contact": {...}}, ...], ...}`);
  return data as SeedData;
}
