import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  // The generated types are a devDependency: inline them so the published .d.ts imports only openapi-fetch.
  dts: { resolve: ["@payment-customers/types"] },
  clean: true,
  sourcemap: false,
  target: "es2022",
});
