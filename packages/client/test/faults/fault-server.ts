// A small local HTTP server whose answers each test writes, for the failures Prism cannot produce.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, seen: SeenRequest) => unknown;

export interface FaultServer {
  url: string;
  /** Every request that reached the server, in order. */
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** Starts the server on a free port of 127.0.0.1; `close` also drops open and held connections. */
export async function startFaultServer(handler: Handler): Promise<FaultServer> {
  const seen: SeenRequest[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const entry = {
      method: request.method ?? "",
      path: request.url ?? "",
      authorization: request.headers.authorization,
      body: Buffer.concat(chunks).toString(),
    };
    seen.push(entry);
    await handler(request, response, entry);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers JSON. */
export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

/** The documented token answer, with the given token. */
export function token(response: ServerResponse, accessToken: string, expiresIn = 1200) {
  json(response, 200, { access_token: accessToken, expires_in: expiresIn, token_type: "bearer" });
}

export const customerId = "PCU_38RG7MHRE2NJTPFMXRYQP3NKW6GVAZ";

/** A minimal valid customer as the API returns it. */
export const customer = {
  object: "payment.customers",
  id: customerId,
  contact: {
    forename: "Max",
    surname: "Mustermann",
    email: "max@example.com",
    address: { street: "Musterstraße", street_number: "25a", postal_code: "01234", city: "Dresden", country: "DE" },
  },
};

export const input = { contact: customer.contact };

export const isApi = (seen: SeenRequest) => seen.path.startsWith("/api/");
