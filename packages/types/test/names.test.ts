// Editors and compile errors name the API's shapes (`PaymentCustomer`, `ContactInput`) instead of spelling out
// `{ salutation?: string; ... 9 more ...; } & {}`: checked with the compiler on a small file, as an editor sees it.
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, it } from "vitest";

const fixture = fileURLToPath(new URL("./fixtures/names.ts", import.meta.url));

// One program for both tests: building it (the compiler on the generated types) is most of their time.
let compiled: ReturnType<typeof compileFixture> | undefined;
const compile = () => {
  compiled ??= compileFixture();
  return compiled;
};

function compileFixture() {
  const program = ts.createProgram([fixture], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: [],
  });
  const file = program.getSourceFile(fixture);
  if (!file) throw new Error(`no ${fixture}`);
  return { program, file, checker: program.getTypeChecker() };
}

it("hovers show the interfaces' names, nested ones too", () => {
  const { file, checker } = compile();
  const shown: Record<string, string> = {};
  file.forEachChild(function visit(node) {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      shown[node.name.text] = checker.typeToString(checker.getTypeAtLocation(node.name));
    }
    node.forEachChild(visit);
  });
  expect(shown).toMatchObject({
    customer: "PaymentCustomer",
    contact: "Contact",
    address: "Address | undefined",
    input: "PaymentCustomerInput",
    contactInput: "ContactInput",
    addressInput: "AddressInput",
    page: "PaymentCustomersList",
    item: "PaymentCustomer",
  });
});

it("compile errors name the type that was missed", () => {
  const { program, file } = compile();
  const messages = ts
    .getPreEmitDiagnostics(program, file)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  expect(messages).toHaveLength(2);
  expect(messages[0]).toMatch(/missing the following properties from type 'ContactInput': address, surname, email/);
  expect(messages[1]).toMatch(/not assignable to type 'ContactInput'/);
  expect(messages.join("\n")).not.toContain("& {}");
});
