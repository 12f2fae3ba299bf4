/**
 * The console in a real browser: Debian's Chromium driven by playwright-core against the built
 * service (`npm run build` first). Kept apart from `npm test`, which needs no browser.
 */
module.exports = {
  testEnvironment: 'node',
  rootDir: '../..',
  testRegex: 'test/browser/.*\\.browser-spec\\.ts$',
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 60000,
};
