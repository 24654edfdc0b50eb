// The floor of the request-path rows: a bare node:http server answering what the sandbox answers, with no
// framework, no validation and no store. GET answers a stored customer's JSON; POST reads and parses the JSON body
// and answers 201 with the customer. Run as a child process (`fork`): sends `{ url }` once listening, exits when
// the parent disconnects.
import { createServer } from "node:http";
import { paymentCustomer } from "./spec-examples.mjs";

const customerJson = JSON.stringify(paymentCustomer);

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    if (req.method === "POST") {
      const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const body = JSON.stringify({ ...paymentCustomer, contact: input.contact });
      res.writeHead(201, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(customerJson) });
    res.end(customerJson);
  });
});
// As the mock's server: idle connections stay open 65 s.
server.keepAliveTimeout = 65_000;

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("expected a TCP address");
  process.send?.({ url: `http://127.0.0.1:${address.port}` });
});
process.on("disconnect", () => process.exit(0));
