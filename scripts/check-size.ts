import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// `npm run lint` runs this: the background and the session stay in small files of short functions
// (issue 13; docs/architecture.md "How the background is split"). A file over the limit names its reason in
// a comment starting `size-exception:` in its first lines. A function's own lines are counted: the lines of
// functions written inside it (a factory's closures) count for those functions, not for the factory.

const ROOTS = ['lib/background', 'lib/session'];
const MAX_FILE_LINES = 200;
const MAX_FUNCTION_LINES = 60;
const root = path.resolve(import.meta.dirname, '..');

const isFunction = (node: ts.Node): node is ts.FunctionLikeDeclaration =>
  ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node) || ts.isConstructorDeclaration(node);

/** Lines of `node`'s span that no nested function covers. */
function ownLines(source: ts.SourceFile, fn: ts.Node): number {
  const line = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  const covered = new Set<number>();
  const visit = (node: ts.Node) => {
    if (node !== fn && isFunction(node)) {
      // The nested function's first and last lines stay the outer function's too (they hold its call or name).
      for (let l = line(node.getStart(source)) + 1; l < line(node.getEnd()); l += 1) covered.add(l);
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  const first = line(fn.getStart(source));
  const last = line(fn.getEnd());
  return last - first + 1 - [...covered].filter((l) => l > first && l < last).length;
}

export function problemsIn(file: string, text: string): string[] {
  const lines = text.split('\n').length;
  if (/size-exception:/.test(text.split('\n').slice(0, 15).join('\n'))) return [];
  const problems: string[] = [];
  if (lines > MAX_FILE_LINES) problems.push(`${file}: ${lines} lines (at most ${MAX_FILE_LINES})`);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    if (isFunction(node)) {
      const count = ownLines(source, node);
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      if (count > MAX_FUNCTION_LINES) problems.push(`${file}:${line + 1}: a function of ${count} lines (at most ${MAX_FUNCTION_LINES})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

const files = ROOTS.flatMap((dir) =>
  readdirSync(path.join(root, dir))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => path.join(dir, name)),
);
const problems = files.flatMap((file) => problemsIn(file, readFileSync(path.join(root, file), 'utf8')));
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`check-size: ${problems.length} problem(s); split the file or function, or write a size-exception: reason at the file's top`);
  process.exit(1);
}
console.log(`check-size: ${files.length} files in ${ROOTS.join(', ')} within ${MAX_FILE_LINES} lines and ${MAX_FUNCTION_LINES}-line functions`);
