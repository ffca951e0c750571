// `npm test`: lint, format check, typecheck, unit tests (Vitest), e2e tests (Playwright in
// Debian Chromium). Runs every stage even after a failure and ends with one summary line
// `N passed, N failed` that counts each test (and each static check) once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

mkdirSync('test-reports', { recursive: true });
const only = process.argv.slice(2);
const tally = { passed: 0, failed: 0, skipped: 0 };
/** Names of what failed, printed just above the summary line (CI shows only the tail). */
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(
    `=== ${label} finished with exit code ${r.status} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return r.status === 0;
}

function check(label, cmd, args) {
  if (run(label, cmd, args)) tally.passed += 1;
  else {
    tally.failed += 1;
    failures.push(label);
  }
}

function countVitest(file, ok) {
  if (!existsSync(file)) return void (tally.failed += ok ? 0 : 1);
  const report = JSON.parse(readFileSync(file, 'utf8'));
  tally.passed += report.numPassedTests;
  tally.failed += report.numFailedTests;
  tally.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') failures.push(`unit: ${file.name} › ${t.fullName}`);
    }
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
      failures.push(`unit: ${file.name} (did not load)`);
    }
  }
  // A file that fails to load has no failed tests: count the failing stage once.
  if (!ok && report.numFailedTests === 0) tally.failed += 1;
}

function countPlaywright(file, ok) {
  if (!existsSync(file)) return void (tally.failed += 1);
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  tally.passed += stats.expected + stats.flaky;
  tally.failed += stats.unexpected;
  tally.skipped += stats.skipped;
  if (!ok && stats.unexpected === 0) tally.failed += 1;
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      if (!spec.ok) failures.push(`e2e: ${spec.file}:${spec.line} › ${spec.title}`);
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of JSON.parse(readFileSync(file, 'utf8')).suites ?? []) visit(suite);
}

const want = (stage) => only.length === 0 || only.includes(stage);
if (want('lint')) check('lint', 'npx', ['eslint', '.']);
if (want('format')) check('format', 'npx', ['prettier', '--check', '.']);
if (want('typecheck')) check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (want('unit')) {
  const file = 'test-reports/vitest.json';
  const ok = run('unit', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  countVitest(file, ok);
}
if (want('e2e')) {
  if (!run('chromium', 'node', ['scripts/ensure-chromium.mjs'])) tally.failed += 1;
  else {
    const file = 'test-reports/playwright.json';
    const ok = run('e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    });
    countPlaywright(file, ok);
  }
}
// Benchmark smoke runs: each asserts that every cell of its table was produced (exit 1 names
// the missing ones); speed thresholds are not tested here (see docs/results.md).
if (want('bench')) {
  check('bench:speed --quick', 'npx', ['tsx', 'bench/speed.ts', '--quick']);
  check('bench:quality --quick', 'npx', ['tsx', 'bench/quality.ts', '--quick']);
}
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
const skipped = tally.skipped ? `, ${tally.skipped} skipped` : '';
console.log(`\n${tally.passed} passed, ${tally.failed} failed${skipped}`);
process.exit(tally.failed === 0 ? 0 : 1);
