import { createRequire } from "node:module";
import type { PrismHttpComponents } from "@stoplight/prism-http";

type MockComponent = PrismHttpComponents["mock"];
const errorSeverity = 0; // DiagnosticSeverity.Error of @stoplight/types

// Prism's own mocker is not part of its public API; a require() reads it the same way from the ESM and CJS builds.
const { default: prismMock } = createRequire(import.meta.url)("@stoplight/prism-http/dist/mocker/index.js") as {
  default: MockComponent;
};

/**
 * Prism's mocker with one change: an invalid request answers Prism's own 422 `application/problem+json` with the
 * validation details, instead of the first example of the 400 the spec declares on every operation (which would
 * be a misleading "invalid dob format"). Prism answers the 422 when an operation declares neither 422 nor 400, so
 * for an invalid request the 400 is hidden from the negotiator, unless the request asks for it (`Prefer: code=400`).
 */
export const mockWithUnprocessableEntity: MockComponent = (options) => {
  const invalid = options.input.validations.some((validation) => validation.severity === errorSeverity);
  if (!invalid || options.config.code === 400) return prismMock(options);
  const responses = options.resource.responses.filter((response) => response.code !== "400");
  return prismMock({ ...options, resource: { ...options.resource, responses } });
};
