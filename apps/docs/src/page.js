// Runs in the page: renders the reference with Redoc and drives the "Try it" console.
// The console reads paths and the example body from the spec on the page, so it follows the spec.
const spec = JSON.parse(document.getElementById("docs-spec").textContent);

Redoc.init(
  spec,
  {
    scrollYOffset: "#docs-header",
    // The spec as published, not the copy above with a section per schema.
    downloadDefinitionUrl: "openapi.yaml",
    requiredPropsFirst: true,
    expandResponses: "200,201",
    jsonSampleExpandLevel: 4,
    theme: {
      typography: {
        fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
        headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
        code: { fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace' },
      },
    },
  },
  document.getElementById("redoc"),
);

const byId = (id) => document.getElementById(id);

/** Follows local `$ref`s ("#/components/...") until a value that is not a reference. */
function resolve(value) {
  let current = value;
  while (current?.$ref) {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((node, key) => node?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], spec);
  }
  return current;
}

/** The path and method of an operation, by its operationId. */
function operation(operationId) {
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, candidate] of Object.entries(item)) {
      if (candidate?.operationId === operationId) return { path, method: method.toUpperCase(), definition: candidate };
    }
  }
  throw new Error(`The spec has no operation ${operationId}`);
}

const tokenOperation = operation("oauthToken");
const createOperation = operation("paymentCustomersPost");
const searchOperation = operation("paymentCustomersGet");

async function send(output, { method, path, search, body, headers = {} }) {
  const url = new URL(path, byId("try-base").value);
  if (search) url.search = new URLSearchParams(search).toString();
  output.textContent = `${method} ${url.pathname}${url.search} ...`;
  try {
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const shown = json === undefined ? text : JSON.stringify(json, null, 2);
    output.textContent = `${method} ${url.pathname}${url.search}\n${response.status} ${response.statusText}\n\n${shown}`;
    output.dataset.status = String(response.status);
    return { status: response.status, json };
  } catch (error) {
    output.textContent = `${method} ${url.pathname}${url.search}\nNo answer: ${error.message}`;
    output.dataset.status = "network-error";
    return { status: 0, json: undefined };
  }
}

const bearer = () => ({ authorization: `Bearer ${byId("try-access-token").value}` });

byId("try-base").value = location.protocol.startsWith("http") ? location.origin : "http://127.0.0.1:4010";
byId("try-origin").textContent = byId("try-base").value;
byId("try-base").addEventListener("input", () => {
  byId("try-origin").textContent = byId("try-base").value;
});

const createContent = resolve(createOperation.definition.requestBody)?.content?.["application/json"];
const createExample = resolve(Object.values(createContent?.examples ?? {})[0])?.value ?? createContent?.example;
byId("try-create-body").value = JSON.stringify(createExample ?? { contact: {} }, null, 2);
byId("try-q").value = `contact.surname:${createExample?.contact?.surname ?? "Muster*"}`;

byId("try-token").addEventListener("click", async () => {
  const { status, json } = await send(byId("try-token-output"), {
    method: tokenOperation.method,
    path: tokenOperation.path,
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: byId("try-client-id").value,
      client_secret: byId("try-client-secret").value,
    }),
  });
  if (status === 200 && json?.access_token) byId("try-access-token").value = json.access_token;
});

byId("try-create").addEventListener("click", async () => {
  const { status, json } = await send(byId("try-create-output"), {
    method: createOperation.method,
    path: createOperation.path,
    headers: { ...bearer(), "content-type": "application/json" },
    body: byId("try-create-body").value,
  });
  // Offer the search that finds what was just created.
  if (status < 300 && json?.contact?.surname) byId("try-q").value = `contact.surname:${json.contact.surname}`;
});

byId("try-search").addEventListener("click", async () => {
  await send(byId("try-search-output"), {
    method: searchOperation.method,
    path: searchOperation.path,
    search: { q: byId("try-q").value, count: "10" },
    headers: bearer(),
  });
});

// The header's "Try it" link opens the console it points to.
document.querySelector('a[href="#try-it"]').addEventListener("click", () => {
  byId("try-it").open = true;
});
if (location.hash === "#try-it") byId("try-it").open = true;
