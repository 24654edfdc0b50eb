// The test files share worker processes (see vitest.config.ts) to load Prism and the other dependencies once per
// worker, not once per file. Our own modules (the built package, the test helpers) still start fresh in every file,
// as in their own process: a sandbox's spec cache, a helper's list of running bins belong to one file.
import { vi } from "vitest";

vi.resetModules();
