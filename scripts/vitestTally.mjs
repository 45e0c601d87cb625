// A vitest reporter that writes everything the test command counts to one JSON file
// (`TALLY_OUT`): each file's state and load errors, each test's state and mode (run, skip, only,
// todo), and the errors vitest caught outside any test (unhandled rejections, uncaught exceptions).
// The built-in JSON reporter leaves out the last two, which is how a crash could hide behind a
// green count.
import { writeFileSync } from 'node:fs';

const message = (e) => String(e?.message ?? e ?? 'unknown error').split('\n')[0];

export default class TallyReporter {
  onTestRunEnd(testModules, unhandledErrors, reason) {
    const out = process.env.TALLY_OUT;
    if (!out) return;
    const files = testModules.map((m) => ({
      file: m.moduleId,
      state: m.state(),
      // A failing beforeAll/afterAll is recorded on its describe block, not on the file.
      errors: [...m.errors(), ...[...m.children.allSuites()].flatMap((s) => s.errors())].map(message),
      tests: [...m.children.allTests()].map((t) => ({
        name: t.fullName,
        state: t.result().state,
        mode: t.options.mode,
        errors: (t.result().errors ?? []).map(message),
      })),
    }));
    writeFileSync(out, JSON.stringify({ reason, files, unhandled: unhandledErrors.map(message) }));
  }
}
