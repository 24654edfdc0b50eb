import { fileURLToPath } from "node:url";

/** The bundled spec, copied next to this module at build time. */
export const specFile: string = fileURLToPath(new URL("./openapi.json", import.meta.url));
