/**
 * Nest 12 ships as ES modules. Node 20 loads them from our CommonJS build through require(esm),
 * but Jest's own module loader cannot, so Jest compiles those packages to CommonJS with Babel.
 */
const ESM_PACKAGES = ['@nestjs', '@redocly', 'file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', '@borewit'];

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  testRegex: 'test/.*\\.(spec|e2e-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': 'ts-jest',
    '^.+\\.m?js$': [
      'babel-jest',
      { babelrc: false, configFile: false, plugins: [require.resolve('./test/support/babel-import-meta.js'), '@babel/plugin-transform-dynamic-import', '@babel/plugin-transform-modules-commonjs'] },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  testTimeout: 30000,
};
