// The bundled spec and one Ajv (JSON Schema 2020-12, formats on, OpenAPI's number formats) that knows it as
// "openapi", so a test validates against `openapi#/<pointer>`.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";

export type Json = Record<string, unknown>;
export const doc = JSON.parse(readFileSync(new URL("../dist/openapi.json", import.meta.url), "utf8")) as Json;

export const ajv = new Ajv2020({ strict: false, allErrors: true });
formats.default(ajv);
ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
ajv.addFormat("int64", { type: "number", validate: Number.isSafeInteger });
ajv.addFormat("password", true);
ajv.addSchema(doc, "openapi");
