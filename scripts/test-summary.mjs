// Prints the JSON reports of vitest and Playwright as one closing line: "tests: N passed, N failed, N skipped",
// summed over every report given. A report that is missing (its runner did not get to write it) is named on stderr.
import { existsSync, readFileSync } from "node:fs";

const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`test-summary: no report at ${file}`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  if (report.stats && "expected" in report.stats) {
    // Playwright: expected = passed, unexpected = failed, flaky = passed on a retry; errors outside any test
    // (e.g. the web server did not start) fail the run too.
    total.passed += report.stats.expected + report.stats.flaky;
    total.failed += report.stats.unexpected + (report.errors?.length ?? 0);
    total.skipped += report.stats.skipped;
  } else {
    // vitest
    total.passed += report.numPassedTests;
    total.failed += report.numFailedTests;
    total.skipped += report.numPendingTests + report.numTodoTests;
  }
}
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
