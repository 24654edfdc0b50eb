// Runs in the page: renders the bundled spec with Scalar's API reference, whose built-in client tries every
// operation. Every request goes to the server that serves the page (the mock), never to another origin.
const spec = await fetch("openapi.json").then((answer) => answer.json());

// Served over HTTP (by the mock), the page's own origin is the one server to try; as a file, the spec's list.
if (location.protocol.startsWith("http")) {
  spec.servers = [{ url: location.origin, description: "The sandbox serving this page" }];
  // The spec names live's token URL; Scalar's "Authorize" must ask this server for the token.
  for (const flow of Object.values(spec.components?.securitySchemes?.oauth2?.flows ?? {})) {
    flow.tokenUrl = `${location.origin}/oauth/token`;
  }
}
// Client id and secret go in the form body, as the API's documentation and SDKs send them (Scalar's default is a
// Basic header).
for (const flow of Object.values(spec.components?.securitySchemes?.oauth2?.flows ?? {})) {
  flow["x-scalar-credentials-location"] = "body";
}

Scalar.createApiReference("#reference", {
  content: spec,
  // Nothing from Scalar's servers: no web fonts, no telemetry, no hosted client, no AI agent (it loads a registry).
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  agent: { disabled: true },
  showDeveloperTools: "never",
  documentDownloadType: "yaml",
  defaultOpenAllTags: true,
  // The sandbox accepts any client id and secret.
  authentication: {
    preferredSecurityScheme: "oauth2",
    securitySchemes: {
      oauth2: { flows: { clientCredentials: { "x-scalar-client-id": "demo", clientSecret: "demo" } } },
    },
  },
});
