/**
 * Babel plugin for Jest only: ESM code compiled to CommonJS has no `import.meta`. The Nest
 * packages use it solely as `createRequire(import.meta.url)`, which accepts a file path, so
 * `import.meta.url` becomes `__filename` (no reference to `require`, which those modules shadow).
 */
module.exports = function importMetaToFilename({ types: t }) {
  return {
    visitor: {
      MetaProperty(path) {
        const parent = path.parentPath;
        if (path.node.meta.name === 'import' && parent.isMemberExpression() && t.isIdentifier(parent.node.property, { name: 'url' })) {
          parent.replaceWith(t.identifier('__filename'));
        } else if (path.node.meta.name === 'import') {
          path.replaceWith(t.objectExpression([t.objectProperty(t.identifier('url'), t.identifier('__filename'))]));
        }
      },
    },
  };
};
