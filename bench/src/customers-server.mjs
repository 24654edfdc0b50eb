// A keep-alive HTTP server answering the Payment Customers calls with fixed JSON: the far end of the
// client-overhead "real I/O" rows. Run it as a child process (`fork`) so it has a core of its own;
// it sends `{ url }` to the parent once listening and exits when the parent disconnects.
import { createServer } from "node:http";
import { customersPath, oauthTokenResponse, paymentCustomer, tokenPath } from "./spec-examples.mjs";

const customerJson = JSON.stringify(paymentCustomer);
const tokenJson = JSON.stringify(oauthTokenResponse);

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    // `/v1/customers`: stripe-node's row asks there.
    const customer = req.url?.startsWith(customersPath) || req.url?.startsWith("/v1/customers");
    const body = req.url === tokenPath ? tokenJson : customer ? customerJson : undefined;
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("expected a TCP address");
  process.send?.({ url: `http://127.0.0.1:${address.port}` });
});
process.on("disconnect", () => process.exit(0));
