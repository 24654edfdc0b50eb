// Runs the sandbox (`startMock`) in a child process for the `--state` bench: with a state file when one is given as
// the first argument, in memory otherwise. Sends `{ url }` to the parent once listening; stops when it disconnects.
import { startMock } from "@payment-customers/mock";

const state = process.argv[2];
const mock = await startMock({ port: 0, ...(state ? { state } : {}) });
process.send?.({ url: mock.url });
process.on("disconnect", () => mock.close().finally(() => process.exit(0)));
