// Loaded customers are checked against the spec's customer schema (`PaymentCustomersProductModel`), with
// the same validator and formats Prism uses, so a file holds only customers the sandbox could have answered.
import { readFile } from "node:fs/promises";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/** Returns a check that answers `undefined` for a valid customer, else what is wrong (paths and rules, no values). */
export async function customerCheck(specFile: string): Promise<(customer: unknown) => string | undefined> {
  const spec = JSON.parse(await readFile(specFile, "utf8")) as { components: object };
  // OpenAPI keywords such as `example` are not JSON Schema's: not strict.
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  // ajv-formats is CommonJS: its function is `module.exports`, and `.default` too.
  addFormats.default(ajv);
  ajv.addSchema({ $id: "spec", components: spec.components });
  const validate = ajv.compile({ $ref: "spec#/components/schemas/PaymentCustomersProductModel" });
  return (customer) => {
    if (validate(customer)) return undefined;
    const [error] = validate.errors ?? [];
    return `${error?.instancePath || "/"} ${error?.message ?? "is invalid"}`;
  };
}
