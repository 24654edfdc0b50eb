// `tsc --noEmit -p <dir>` for each project directory given, in one process: each project is its own program with its
// own tsconfig.json and its own diagnostics, as with one tsc per project, but a file that several projects read with
// the same settings (TypeScript's lib files, the built package's declarations) is parsed and bound once; TypeScript's
// language service shares files across programs the same way. Prints, as JSON, each project's TypeScript version
// and its diagnostics (none: it compiles).
import { join } from "node:path";
import ts from "typescript";

const registry = ts.createDocumentRegistry();
/** @type {Map<string, ts.SourceFile | undefined>} */
const sourceFiles = new Map();

/** @param {string} dir */
function compile(dir) {
  /** @type {ts.Diagnostic[]} */
  const unrecoverable = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(dir, "tsconfig.json"),
    { noEmit: true },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => unrecoverable.push(diagnostic) },
  );
  const host = ts.createCompilerHost(parsed?.options ?? {});
  host.getCurrentDirectory = () => dir;
  if (!parsed) return { typescript: ts.version, diagnostics: format(unrecoverable, host) };
  // The key is what a file's parse and bind depend on: the settings that affect them, then the file's own.
  const settings = registry.getKeyForCompilationSettings(parsed.options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersionOrOptions, onError) => {
    const { languageVersion, impliedNodeFormat, jsDocParsingMode } =
      typeof languageVersionOrOptions === "object"
        ? languageVersionOrOptions
        : { languageVersion: languageVersionOrOptions };
    const key = [settings, fileName, languageVersion, impliedNodeFormat, jsDocParsingMode].join("|");
    if (!sourceFiles.has(key)) sourceFiles.set(key, getSourceFile(fileName, languageVersionOrOptions, onError));
    return sourceFiles.get(key);
  };
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    projectReferences: parsed.projectReferences,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
    host,
  });
  return { typescript: ts.version, diagnostics: format(ts.getPreEmitDiagnostics(program), host) };
}

/** @param {readonly ts.Diagnostic[]} diagnostics @param {ts.FormatDiagnosticsHost} host */
function format(diagnostics, host) {
  return diagnostics.map((diagnostic) => ts.formatDiagnostic(diagnostic, host).trimEnd());
}

console.log(JSON.stringify(Object.fromEntries(process.argv.slice(2).map((dir) => [dir, compile(dir)]))));
