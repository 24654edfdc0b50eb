import { expectTypeOf, it } from "vitest";
import { createSandbox, type MockOptions, type MockServer, type SandboxOptions, startMock } from "../dist/index.js";

it("startMock takes optional options and resolves to { url, close, reset }", () => {
  expectTypeOf(startMock).parameter(0).toEqualTypeOf<MockOptions | undefined>();
  expectTypeOf(startMock).returns.resolves.toEqualTypeOf<MockServer>();
  expectTypeOf<MockServer["url"]>().toEqualTypeOf<string>();
  expectTypeOf<MockServer["close"]>().returns.toEqualTypeOf<Promise<void>>();
  expectTypeOf<MockServer["reset"]>().returns.toEqualTypeOf<Promise<void>>();
  expectTypeOf<MockOptions["mode"]>().toEqualTypeOf<"sandbox" | "static" | "dynamic" | undefined>();
  expectTypeOf<MockOptions["credentials"]>().toEqualTypeOf<Record<string, string> | undefined>();
  // @ts-expect-error the mode is one of three names
  void startMock({ mode: "stateful" });
  expectTypeOf<MockOptions["docs"]>().toEqualTypeOf<boolean | undefined>();
  // @ts-expect-error the port is a number
  void startMock({ port: "4010" });
});

it("createSandbox returns { fetch, reset }, and fetch is a web fetch", () => {
  const sandbox = createSandbox({ tokenTtl: 1, now: () => 0 });
  expectTypeOf(sandbox.fetch).toBeCallableWith(new Request("http://sandbox.local/"));
  expectTypeOf(sandbox.fetch).returns.resolves.toEqualTypeOf<Response>();
  expectTypeOf(sandbox.reset).returns.toEqualTypeOf<void>();
  expectTypeOf<SandboxOptions["credentials"]>().toEqualTypeOf<Record<string, string> | undefined>();
  // @ts-expect-error the clock returns milliseconds
  createSandbox({ now: () => new Date() });
});
