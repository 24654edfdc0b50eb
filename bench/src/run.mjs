// `pnpm bench`: runs every section, prints the tables and writes bench/RESULTS.md.
// Flags: --quick (short runs, prints only), --only <section,...> (prints only). RESULTS.md is written by full runs.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { measureBuild } from "./build.mjs";
import { measureBundleSize } from "./bundle-size.mjs";
import { measureClientOverhead } from "./client-overhead.mjs";
import { measureDevLoop } from "./dev-loop.mjs";
import { checkGoals } from "./goals.mjs";
import { measureInstallFootprint } from "./install-footprint.mjs";
import { measureMock } from "./mock.mjs";
import { measureMockQueries } from "./mock-queries.mjs";
import { measureMockStart } from "./mock-start.mjs";
import { measureMockState } from "./mock-state.mjs";
import { measureQSearch } from "./q-search.mjs";
import { measureRequestPath } from "./request-path.mjs";
import { describeMachine, reportForConsole, reportForMarkdown } from "./results.mjs";

/** @typedef {import("./results.mjs").Section} Section */

const sections = [
  { id: "client-overhead", title: "1. Client overhead per call", measure: measureClientOverhead },
  { id: "bundle-size", title: "2. Bundle size (browser, esbuild)", measure: measureBundleSize },
  {
    id: "install-footprint",
    title: "3. Install footprint (npm install into an empty project)",
    measure: measureInstallFootprint,
  },
  { id: "mock", title: "4. Mock server: static mode and sandbox (Prism on our spec)", measure: measureMock },
  { id: "build", title: "5. Build (Turbo)", measure: measureBuild },
  { id: "q-search", title: "6. Searches with q (sandbox, 10,000 and 100,000 customers)", measure: measureQSearch },
  {
    id: "mock-queries",
    title: "7. Sandbox queries over 10,000 and 100,000 stored customers",
    measure: measureMockQueries,
  },
  { id: "mock-state", title: "8. Sandbox persistence (--state) at scale", measure: measureMockState },
  { id: "mock-start", title: "9. Mock: import, start-up and install footprint", measure: measureMockStart },
  { id: "dev-loop", title: "10. The dev loop (`pnpm dev`): a spec save to types and mock", measure: measureDevLoop },
  {
    id: "request-path",
    title: "11. The request path: the sandbox next to a bare node:http server and Prism's CLI",
    measure: measureRequestPath,
  },
];

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, only: { type: "string" } } });
const only = values.only?.split(",");
const unknown = only?.filter((id) => !sections.some((s) => s.id === id)) ?? [];
if (unknown.length > 0) {
  console.error(`Unknown section ${unknown.join(", ")}; known: ${sections.map((s) => s.id).join(", ")}`);
  process.exit(2);
}

/** A failed command's message plus the end of its output, so a broken section says why. */
function describeError(/** @type {unknown} */ error) {
  const { message, stdout, stderr } = /** @type {{ message?: string, stdout?: unknown, stderr?: unknown }} */ (error);
  const output = `${stdout ?? ""}\n${stderr ?? ""}`.trim().split("\n").slice(-8).join("\n");
  return `${message?.split("\n")[0] ?? String(error)}${output ? `\n\n\`\`\`\n${output}\n\`\`\`` : ""}`;
}

const started = performance.now();
const machine = describeMachine();
/** @type {Section[]} */
const done = [];
/** @type {Record<string, unknown>} */
const data = {};
let failed = false;
for (const { id, title, measure } of sections) {
  if (only && !only.includes(id)) continue;
  console.error(`running ${id}${values.quick ? " (quick)" : ""}...`);
  const sectionStarted = performance.now();
  /** @type {Section} */
  let section;
  try {
    section = { title, ...(await measure({ quick: values.quick })) };
    data[id] = section.data;
  } catch (error) {
    failed = true;
    section = { title, tables: [], notes: [`**Failed:** ${describeError(error)}`] };
  }
  console.log(reportForConsole([section]));
  console.error(`(${id}: ${((performance.now() - sectionStarted) / 1000).toFixed(0)} s)`);
  done.push(section);
}

const goals = {
  title: "Goals",
  ...checkGoals({
    overhead: /** @type {any} */ (data["client-overhead"]),
    sizes: /** @type {any} */ (data["bundle-size"]),
    build: /** @type {any} */ (data.build),
    mock: /** @type {any} */ (data.mock),
    mockStart: /** @type {any} */ (data["mock-start"]),
    requestPath: /** @type {any} */ (data["request-path"]),
  }),
};
done.push(goals);
console.log(reportForConsole([goals]));

const durationSeconds = (performance.now() - started) / 1000;
console.log(
  `\nWhole bench: ${durationSeconds.toFixed(0)} s on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`,
);
if (!values.quick && !only) {
  const file = new URL("../RESULTS.md", import.meta.url);
  writeFileSync(file, reportForMarkdown(done, { machine, command: "pnpm bench", durationSeconds }));
  console.log(`Wrote ${file.pathname}`);
}
if (failed) process.exitCode = 1;
