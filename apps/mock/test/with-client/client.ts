// The built client, for tests only: the mock's runtime never imports it, and it is not a package dependency of
// the mock (the client's own tests depend on the mock). turbo.json builds it before these tests run.
export * from "../../../../packages/client/dist/index.js";
