// createSandbox() cold and warm, in a new process: each sandbox is created and answers its first request (a token);
// the first pays for loading Prism and parsing the spec, the next ones share that parse. Prints one JSON line,
// `{ coldMs, warmMs: number[] }`. The module to load is the first argument (default: @payment-customers/mock).
const { createSandbox } = await import(process.argv[2] ?? "@payment-customers/mock");
const warmRuns = Number(process.argv[3] ?? 20);
const tokenBody = "grant_type=client_credentials&client_id=bench&client_secret=bench";

async function timeOne() {
  const started = performance.now();
  const sandbox = createSandbox();
  const response = await sandbox.fetch("http://sandbox.local/oauth/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: tokenBody,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`the token request answered ${response.status}`);
  return performance.now() - started;
}

const coldMs = await timeOne();
const warmMs = [];
for (let i = 0; i < warmRuns; i++) warmMs.push(await timeOne());
console.log(JSON.stringify({ coldMs, warmMs }));
