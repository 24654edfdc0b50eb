// The sandbox for the queries section (mock-queries.mjs), in a child process: startMock() on a state file the
// parent filled, so 100,000 stored customers load in seconds instead of being created one request at a time.
// Sends `{ url }` to the parent once listening; stops when the parent disconnects.
import { startMock } from "@payment-customers/mock";

const mock = await startMock({ port: 0, state: process.argv[2], docs: false });
process.send?.({ url: mock.url });
process.on("disconnect", () => mock.close().finally(() => process.exit(0)));
