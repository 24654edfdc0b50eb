import { expectTypeOf, it } from "vitest";
import { type MockOptions, type MockServer, startMock } from "../dist/index.js";

it("startMock takes optional options and resolves to { url, close }", () => {
  expectTypeOf(startMock).parameter(0).toEqualTypeOf<MockOptions | undefined>();
  expectTypeOf(startMock).returns.resolves.toEqualTypeOf<MockServer>();
  expectTypeOf<MockServer["url"]>().toEqualTypeOf<string>();
  expectTypeOf<MockServer["close"]>().returns.toEqualTypeOf<Promise<void>>();
  expectTypeOf<MockOptions>().toEqualTypeOf<{
    port?: number;
    host?: string;
    dynamic?: boolean;
    seed?: number;
    docs?: boolean;
  }>();
  // @ts-expect-error the port is a number
  void startMock({ port: "4010" });
});
