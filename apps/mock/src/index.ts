export type { MockMode } from "./engine.js";
export { createSandbox, type Sandbox, type SandboxOptions } from "./sandbox.js";
export { type MockOptions, type MockServer, startMock } from "./start-mock.js";
