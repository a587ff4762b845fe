/**
 * All user-visible text comes from the catalogues: no component may hold words of its own in JSX text, in a
 * string-literal child, or in an attribute people read (aria-label, title, placeholder, alt, and the props of
 * our own components that end up on screen).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "../src");

const READ_ATTRIBUTES = new Set([
  "aria-label",
  "aria-description",
  "aria-valuetext",
  "aria-roledescription",
  "title",
  "placeholder",
  "alt",
  "label",
  "legend",
  "description",
  "helper",
  "intro",
  "error",
  "closeLabel",
  "confirmLabel",
  "cancelLabel",
  "disabledReason",
  "emptyText",
]);

/** Words: anything with a letter in it. Symbols such as "×" or "↑" (hidden from screen readers) are fine. */
const hasWords = (s: string) => /\p{L}/u.test(s);

export function findHardCodedText(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    found.push(`${fileName}:${line + 1}: ${what}`);
  };
  const isText = (e: ts.Expression | undefined): e is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression =>
    e !== undefined && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e));
  const textOf = (e: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression) =>
    ts.isTemplateExpression(e) ? [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join("") : e.text;

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) at(node, `text "${node.text.trim()}"`);
    if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      // {"words"} and {cond && "words"} / {cond ? "a" : "b"} as children
      const candidates: ts.Expression[] = [];
      const collect = (e: ts.Expression | undefined) => {
        if (!e) return;
        if (ts.isParenthesizedExpression(e)) collect(e.expression);
        else if (ts.isConditionalExpression(e)) [e.whenTrue, e.whenFalse].forEach(collect);
        else if (
          ts.isBinaryExpression(e) &&
          [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(
            e.operatorToken.kind,
          )
        ) {
          collect(e.right);
        } else candidates.push(e);
      };
      collect(node.expression);
      for (const c of candidates) if (isText(c) && hasWords(textOf(c))) at(c, `child "${textOf(c)}"`);
    }
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(file))) {
      const init = node.initializer;
      if (init && ts.isStringLiteral(init) && hasWords(init.text)) at(init, `${node.name.getText(file)}="${init.text}"`);
      if (init && ts.isJsxExpression(init) && isText(init.expression) && hasWords(textOf(init.expression))) {
        at(init, `${node.name.getText(file)}={"${textOf(init.expression)}"}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function tsxFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsxFiles(p);
    return name.endsWith(".tsx") ? [p] : [];
  });
}

describe("no hard-coded user-visible text", () => {
  it("finds words in JSX text, string children and read attributes", () => {
    const sample = `
      export const A = () => (
        <div title="Settings" className="btn x">
          Hello
          {"Inline words"}
          {ok ? "Yes" : t("no")}
          <button aria-label={"Close dialog"}>×</button>
          <input placeholder={\`Type \${x}\`} />
          <Field label="Name" name="name" />
          <span aria-hidden="true">↑</span>
        </div>
      );`;
    const found = findHardCodedText("sample.tsx", sample).map((f) => f.replace(/^sample\.tsx:\d+: /, ""));
    expect(found).toEqual([
      'title="Settings"',
      'text "Hello"',
      'child "Inline words"',
      'child "Yes"',
      'aria-label={"Close dialog"}',
      'placeholder={"Type "}',
      'label="Name"',
    ]);
  });

  it("every component takes its words from the catalogues", () => {
    const files = tsxFiles();
    expect(files.length).toBeGreaterThan(30);
    const found = files.flatMap((f) => findHardCodedText(relative(SRC, f), readFileSync(f, "utf8")));
    expect(found).toEqual([]);
  });
});
