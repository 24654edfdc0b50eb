// Turns the sections' tables into the console report and bench/RESULTS.md.
import os from "node:os";

/** @typedef {{ caption: string, headers: string[], rows: (string | number)[][] }} Table  First column left-aligned, the rest right-aligned. */
/** @typedef {{ tables: Table[], notes: string[], data?: unknown }} Measured  What a section's measure function returns. */
/** @typedef {Measured & { title: string }} Section */

/** The machine the numbers were taken on. */
export function describeMachine() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAtStart: loadAverage(),
  };
}

/** The 1-minute load average: above the core count, other work competed with the bench. */
export function loadAverage() {
  return (os.loadavg()[0] ?? 0).toFixed(2);
}

/** @param {string | number} cell */
const text = (cell) => String(cell);

/** @param {Table} table */
export function tableForConsole({ caption, headers, rows }) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => text(row[i] ?? "").length)));
  const line = (/** @type {(string | number)[]} */ cells) =>
    cells
      .map((cell, i) => (i === 0 ? text(cell).padEnd(widths[i] ?? 0) : text(cell).padStart(widths[i] ?? 0)))
      .join("  ");
  return [caption, line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** @param {Table} table */
function tableForMarkdown({ caption, headers, rows }) {
  const line = (/** @type {(string | number)[]} */ cells) =>
    `| ${cells.map((cell) => text(cell).replaceAll("|", "\\|")).join(" | ")} |`;
  const align = headers.map((_, i) => (i === 0 ? "---" : "---:"));
  return [`**${caption}**`, "", line(headers), `| ${align.join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** @param {Section[]} sections */
export function reportForConsole(sections) {
  return sections
    .map((s) =>
      [`\n== ${s.title} ==`, ...s.tables.map(tableForConsole), ...s.notes.map((n) => `note: ${n}`)].join("\n\n"),
    )
    .join("\n");
}

/**
 * @param {Section[]} sections
 * @param {{ machine: ReturnType<typeof describeMachine>, command: string, durationSeconds: number }} run
 */
export function reportForMarkdown(sections, { machine, command, durationSeconds }) {
  const header = [
    "# Benchmark results",
    "",
    `Written by \`${command}\` (bench/src/run.mjs); do not edit by hand. What each section measures: [README.md](README.md).`,
    "",
    `- Date: ${machine.date}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory} RAM, ${machine.os}`,
    `- Node: ${machine.node}`,
    `- Load average (1 min) at start / end: ${machine.loadAtStart} / ${loadAverage()} (${machine.cores} cores; higher means other work shared the machine)`,
    `- Run time of the whole bench: ${Math.round(durationSeconds)} s`,
  ].join("\n");
  const body = sections.map((s) => [`## ${s.title}`, ...s.tables.map(tableForMarkdown), ...s.notes].join("\n\n"));
  return `${[header, ...body].join("\n\n")}\n`;
}

/** Rounds for display: 3 significant digits, thousands separated. */
export function round(/** @type {number} */ value, digits = 3) {
  if (!Number.isFinite(value)) return "n/a";
  const magnitude = Math.floor(Math.log10(Math.abs(value) || 1)) + 1;
  const decimals = Math.max(0, digits - magnitude);
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** @param {number} bytes */
export function kilobytes(bytes) {
  return `${(bytes / 1000).toFixed(2)} kB`;
}

/**
 * A table of autocannon rows (one per size and request): `first` heads the size column, `size` reads it off a row.
 * @param {{ caption: string, first: string, rows: any[], size: (row: any) => number }} table
 */
export function loadTable({ caption, first, rows, size }) {
  return {
    caption,
    headers: [first, "request", "req/s", "p50 latency", "p99 latency", "max", "non-2xx", "errors"],
    rows: rows.map((row) => [
      size(row).toLocaleString("en"),
      row.name,
      round(row.requestsPerSecond),
      `${row.p50} ms`,
      `${row.p99} ms`,
      `${row.max} ms`,
      row.non2xx,
      row.errors,
    ]),
  };
}
