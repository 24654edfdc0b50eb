// Runs the mock (`startMock` from @payment-customers/mock) in a child process, so the load generator in the
// parent gets the other core. The mode is the first argument (`sandbox` or `static`), an optional second one a
// state file to load (sandbox only). Sends `{ url }` to the parent once listening; stops when the parent disconnects.
// BENCH_MOCK_MODULE names another build of the mock to run instead (an A/B of two builds in one run).
const { startMock } = await import(process.env.BENCH_MOCK_MODULE ?? "@payment-customers/mock");

const mode = process.argv[2] === "static" ? "static" : "sandbox";
const mock = await startMock({ port: 0, mode, state: process.argv[3] });
process.send?.({ url: mock.url });
process.on("disconnect", () => mock.close().finally(() => process.exit(0)));
