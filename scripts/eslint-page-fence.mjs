/**
 * The page's import fence as a whitelist: a file under src/ui or src/store may import only
 * src/protocol, src/store, src/ui and the packages named here. Everything else — core, the
 * worker, Node wiring, tfjs (even as types) — is reached through src/protocol, which is tfjs-free.
 * Proven by scripts/lint-fence.test.ts.
 */
import path from 'node:path';

export const PAGE_FOLDERS = ['src/protocol', 'src/store', 'src/ui'];
export const PAGE_PACKAGES = ['react', 'react-dom', 'zustand', 'recharts', 'vitest'];

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function allowed(spec, filename, cwd) {
  if (!spec.startsWith('.')) return PAGE_PACKAGES.includes(packageName(spec));
  const target = path.relative(cwd, path.resolve(path.dirname(filename), spec));
  const posix = target.split(path.sep).join('/');
  return PAGE_FOLDERS.some((folder) => posix === folder || posix.startsWith(`${folder}/`));
}

const pageImports = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      outside:
        "'{{spec}}' is outside the page's whitelist: src/ui and src/store import only src/protocol, src/store, src/ui and {{packages}}.",
    },
  },
  create(context) {
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      if (allowed(source.value, context.filename, context.cwd)) return;
      context.report({
        node,
        messageId: 'outside',
        data: { spec: source.value, packages: PAGE_PACKAGES.join(', ') },
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export const pageFencePlugin = { rules: { 'page-imports': pageImports } };
