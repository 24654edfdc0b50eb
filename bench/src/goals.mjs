// The goals, checked against the measured numbers: PASS or MISS, and by how much.

/**
 * @typedef {{ name: string, ratioToFetch: number, ratioToOpenapiFetch: number }} Row
 * @typedef {{ stubbed: Record<string, Row[]>, realIo: Record<string, Row[]> }} Overhead
 * @typedef {{ sizes: { name: string, gzip: number }[] }} Sizes
 * @typedef {{ warm: { seconds: number } }} Build
 * @typedef {{ goal: string, budget: number, measured: number | undefined, unit: "x" | "kB" | "s", missNote: string }} Goal
 */

const ourClient = "@payment-customers/client";

/**
 * Why each goal can be missed and what would close it, shown only when it is missed.
 * Written from profiling the rows in client-overhead.mjs; update it when the cause changes.
 */
const missNotes = {
  wrapper:
    "The wrapper's extra work per call is in the client's own code (token lookup, retry bookkeeping, error mapping) on top of openapi-fetch; profile `client.customers.get` with `node --cpu-prof` against the stub and cut what runs per call.",
  realIo:
    "openapi-fetch alone is already above this budget on real I/O: it builds a `Request` object per call (undici's Request constructor is costly on Node 20) where raw fetch passes a URL string and an init object. Closing it needs openapi-fetch to call fetch(url, init) (or a newer Node whose Request is cheaper).",
  bundle:
    "The bundle is our code plus openapi-fetch (about 2.6 kB of it); trim the client's own code (error classes, retry) or stop re-exporting unused helpers.",
  warmBuild: "A no-change build should be all cache hits; check that each task declares its inputs and outputs.",
};

/**
 * @param {{ overhead?: Overhead, sizes?: Sizes, build?: Build }} data
 * @returns {import("./results.mjs").Measured}
 */
export function checkGoals({ overhead, sizes, build }) {
  const ratio = (/** @type {Row[] | undefined} */ rows, /** @type {"ratioToFetch" | "ratioToOpenapiFetch"} */ key) =>
    rows?.find((row) => row.name === ourClient)?.[key];
  const clientGzip = sizes?.sizes.find((s) => s.name.startsWith(ourClient))?.gzip;
  /** @type {Goal[]} */
  const goals = [
    ...["get", "create"].map((op) => ({
      goal: `wrapper over openapi-fetch, stubbed, ${op === "get" ? "GET by id" : "POST create"}`,
      budget: 1.05,
      measured: ratio(overhead?.stubbed[op], "ratioToOpenapiFetch"),
      unit: /** @type {const} */ ("x"),
      missNote: missNotes.wrapper,
    })),
    ...["get", "create"].map((op) => ({
      goal: `our client vs raw fetch, real I/O, ${op === "get" ? "GET by id" : "POST create"}`,
      budget: 1.1,
      measured: ratio(overhead?.realIo[op], "ratioToFetch"),
      unit: /** @type {const} */ ("x"),
      missNote: missNotes.realIo,
    })),
    {
      goal: "client bundle, min+gzip, openapi-fetch included",
      budget: 5,
      measured: clientGzip === undefined ? undefined : clientGzip / 1000,
      unit: "kB",
      missNote: missNotes.bundle,
    },
    {
      goal: "warm no-change build",
      budget: 2,
      measured: build?.warm.seconds,
      unit: "s",
      missNote: missNotes.warmBuild,
    },
  ];

  const show = (/** @type {number} */ value, /** @type {Goal["unit"]} */ unit) =>
    unit === "x" ? `${value.toFixed(2)}x` : `${value.toFixed(2)} ${unit}`;
  const notes = [];
  const rows = goals.map(({ goal, budget, measured, unit, missNote }) => {
    if (measured === undefined || !Number.isFinite(measured))
      return [goal, show(budget, unit), "not measured", "n/a", ""];
    const pass = measured <= budget;
    const margin = `${Math.abs((measured / budget - 1) * 100).toFixed(1)}% ${pass ? "under" : "over"}`;
    if (!pass)
      notes.push(
        `**MISS: ${goal}** (${show(measured, unit)}, ${margin} the budget of ${show(budget, unit)}). ${missNote}`,
      );
    return [goal, show(budget, unit), show(measured, unit), pass ? "PASS" : "MISS", margin];
  });
  return {
    tables: [{ caption: "The issue's goals", headers: ["goal", "budget", "measured", "result", "margin"], rows }],
    notes,
  };
}
