/** A `fetch` that records what the client sends (method, path with query, headers, body) and then really sends it. */
export function recordingFetch() {
  const requests: { method: string; url: URL; headers: Headers; body: string }[] = [];
  const fetchAndRecord = async (request: Request) => {
    requests.push({
      method: request.method,
      url: new URL(request.url),
      headers: new Headers(request.headers),
      body: await request.clone().text(),
    });
    return fetch(request);
  };
  return { fetch: fetchAndRecord, requests };
}
