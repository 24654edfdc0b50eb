// The test files share worker processes (see vitest.config.ts), so the dependencies (fast-check, esbuild, Vitest's
// own runtime) load once per worker, not once per file. Our own modules (the client's source, the test helpers) still
// start fresh in every file, as in a process of their own: a warning given once belongs to one file.
import { vi } from "vitest";

vi.resetModules();
