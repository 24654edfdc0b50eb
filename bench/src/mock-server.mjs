// Runs the mock (`startMock` from @payment-customers/mock) in a child process, so the load generator in the
// parent gets the other core. Sends `{ url }` to the parent once listening; stops when the parent disconnects.
import { startMock } from "@payment-customers/mock";

const mock = await startMock({ port: 0 });
process.send?.({ url: mock.url });
process.on("disconnect", () => mock.close().finally(() => process.exit(0)));
