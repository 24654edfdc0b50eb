import { startMock } from "@payment-customers/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // The contract suites pick documented answers with `Prefer`: the static mode serves the spec's examples.
  const mock = await startMock({ port: 0, mode: "static" });
  project.provide("mockUrl", mock.url);
  return () => mock.close();
}
