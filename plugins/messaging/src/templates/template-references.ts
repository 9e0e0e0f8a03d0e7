import Handlebars from 'handlebars';

/**
 * Strict mode: which data paths a Handlebars source reads, found on its AST (`Handlebars.parse`), and
 * what it uses that rendering would turn into a blank (an undeclared variable, an unknown helper or
 * partial). Scoping follows Handlebars 4:
 * - `#if`/`#unless` keep the context; `#each x` and `#with x` make a member of `x` the context, and their
 *   block params (`as |item i|`) name that member and its index;
 * - `../` climbs one context (not one block), `this.`/`./` stay in the current one;
 * - `@root.x` is the root's `x`; `@index`, `@key`, `@first`, `@last` are loop data;
 * - inside a member context a bare path (`{{name}}` in `{{#each items}}`) is a field of the member: it is
 *   recorded as `items[].name`, not checked (declarations describe top-level variables, not their shapes);
 * - `{{> name}}` renders partial `name` of the template's partials map in the current context (or its
 *   context argument), its hash arguments are names the partial may use;
 * - in the HTML part (and the partials it includes), `{{{x}}}` and `{{& x}}` are refused: data is always
 *   HTML-escaped there, so a recipient name cannot inject markup into an email.
 */

/** Helpers the renderer knows (Handlebars' built-ins, compiled with `knownHelpersOnly`; not `log`: templates do not write logs). */
const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);
const INLINE_HELPERS = new Set(['lookup']);
const LOOP_DATA = new Set(['index', 'key', 'first', 'last']);

export interface TemplateReferenceIssue {
  /** The part it is in: `body`, `subject`, `html`, `text`, or `partials.<name>`. */
  field: string;
  code: 'unknown_template_variable' | 'unknown_helper' | 'unknown_partial' | 'unsupported_template_syntax';
  message: string;
  /** The variable, helper or partial named. */
  name: string;
  line?: number;
}

export interface TemplateReferences {
  /** Top-level variables read (roots of every path), in first-use order. */
  variables: string[];
  /** Every path read, e.g. `name`, `order.total`, `items[].sku`. */
  paths: string[];
  partials: string[];
  issues: TemplateReferenceIssue[];
}

/** What a context-changing block made the context: the root data, or a member of a root path (`items[]`). */
type Context = { kind: 'root'; locals: Set<string> } | { kind: 'member'; of: string | null; locals: Set<string> };

interface Scope {
  context: Context;
  /** The enclosing context, for `../`. */
  parent: Scope | null;
  /** Block params in view: name -> the path they stand for (null: loop index, or unknown). */
  params: Map<string, string | null>;
}

interface Walk {
  field: string;
  declared: ReadonlySet<string>;
  partialSources: Readonly<Record<string, hbs.AST.Program>>;
  /** Partials being walked (recursion stops there: a recursive partial is checked once). */
  partialStack: string[];
  out: TemplateReferences;
  seenPaths: Set<string>;
  seenIssues: Set<string>;
  /** An HTML part: unescaped output (`{{{x}}}`, `{{& x}}`) would let data inject markup, so it is refused. */
  html: boolean;
}

const isScoped = (path: hbs.AST.PathExpression): boolean => /^\.|^this\b/.test(path.original);

function issue(w: Walk, node: hbs.AST.Node, code: TemplateReferenceIssue['code'], name: string, message: string): void {
  const key = `${w.field}|${code}|${name}`;
  if (w.seenIssues.has(key)) return;
  w.seenIssues.add(key);
  w.out.issues.push({ field: w.field, code, name, message, line: node.loc?.start?.line });
}

function recordPath(w: Walk, path: string): void {
  if (!path || w.seenPaths.has(path)) return;
  w.seenPaths.add(path);
  w.out.paths.push(path);
  const root = path.split(/[.[]/, 1)[0];
  if (root && !w.out.variables.includes(root)) w.out.variables.push(root);
}

/**
 * Resolves a path to what it reads: a root path (`order.total`), a member path (`items[].sku`) or null
 * (loop data, a local); records it and reports an undeclared root variable.
 */
function resolvePath(w: Walk, scope: Scope, path: hbs.AST.PathExpression): string | null {
  if (path.data) {
    const [head, ...rest] = path.parts;
    if (head === 'root') return checkRoot(w, path, rest);
    if (LOOP_DATA.has(head) && rest.length === 0) return null;
    issue(w, path, 'unknown_template_variable', `@${head}`, `"@${path.parts.join('.')}" is not a data variable (use @root, @index, @key, @first or @last)`);
    return null;
  }
  let target: Scope | null = scope;
  for (let i = 0; i < path.depth && target; i++) target = target.parent;
  if (!target) {
    issue(w, path, 'unknown_template_variable', path.original, `"${path.original}" climbs above the template's data`);
    return null;
  }
  const [head, ...rest] = path.parts;
  if (path.depth === 0 && !isScoped(path) && head !== undefined && scope.params.has(head)) {
    const bound = scope.params.get(head);
    if (bound === null || bound === undefined) return null;
    return member(w, bound, rest);
  }
  const context = target.context;
  if (head !== undefined && context.locals.has(head)) return null;
  if (context.kind === 'root') return checkRoot(w, path, path.parts);
  return context.of === null ? null : member(w, context.of, path.parts);
}

function member(w: Walk, of: string, rest: string[]): string {
  const full = rest.length ? `${of}.${rest.join('.')}` : of;
  recordPath(w, full);
  return full;
}

function checkRoot(w: Walk, node: hbs.AST.Node, parts: string[]): string | null {
  const [head] = parts;
  if (head === undefined) return null; // `{{this}}` at the root
  if (!w.declared.has(head)) issue(w, node, 'unknown_template_variable', head, `"${head}" is not a declared variable of this template`);
  const full = parts.join('.');
  recordPath(w, full);
  return full;
}

function expression(w: Walk, scope: Scope, node: hbs.AST.Expression): string | null {
  switch (node.type) {
    case 'PathExpression': return resolvePath(w, scope, node as hbs.AST.PathExpression);
    case 'SubExpression': {
      const sub = node as hbs.AST.SubExpression;
      call(w, scope, sub, sub.path, false);
      return null;
    }
    default: return null; // literals
  }
}

/** A helper call: checks the helper is known, then its arguments. */
function call(w: Walk, scope: Scope, node: hbs.AST.Node, path: hbs.AST.PathExpression, block: boolean): void {
  const name = path.original;
  const known = block ? BLOCK_HELPERS.has(name) : INLINE_HELPERS.has(name) || BLOCK_HELPERS.has(name);
  if (!known) issue(w, node, 'unknown_helper', name, `"${name}" is not a helper here (helpers: ${[...BLOCK_HELPERS, ...INLINE_HELPERS].join(', ')})`);
  const n = node as unknown as { params: hbs.AST.Expression[]; hash?: hbs.AST.Hash };
  for (const p of n.params) expression(w, scope, p);
  for (const pair of n.hash?.pairs ?? []) expression(w, scope, pair.value);
}

function mustache(w: Walk, scope: Scope, node: hbs.AST.MustacheStatement): void {
  if (node.path.type !== 'PathExpression') return; // `{{"literal"}}`
  const path = node.path as hbs.AST.PathExpression;
  if (w.html && node.escaped === false)
    issue(w, node, 'unsupported_template_syntax', `{{{${path.original}}}}`, `"{{{${path.original}}}}" would insert "${path.original}" as raw HTML: use {{${path.original}}} (escaped)`);
  const isCall = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
  if (isCall) call(w, scope, node, path, false);
  else resolvePath(w, scope, path);
}

function block(w: Walk, scope: Scope, node: hbs.AST.BlockStatement): void {
  const name = node.path.original;
  if (!BLOCK_HELPERS.has(name) || node.path.data || node.path.parts.length !== 1) {
    issue(w, node, 'unsupported_template_syntax', name, `"{{#${name}}}" is not a block helper here: use #if, #unless, #each or #with`);
    return;
  }
  const target = node.params[0] ? expression(w, scope, node.params[0]) : null;
  for (const p of node.params.slice(1)) expression(w, scope, p);
  for (const pair of node.hash?.pairs ?? []) expression(w, scope, pair.value);
  if (name === 'if' || name === 'unless') {
    program(w, scope, node.program);
  } else {
    const of = target === null ? null : name === 'each' ? `${target}[]` : target;
    const params = new Map(scope.params);
    const [first, second] = node.program?.blockParams ?? [];
    if (first) params.set(first, of);
    if (second) params.set(second, null);
    const inner: Scope = { context: { kind: 'member', of, locals: new Set() }, parent: scope, params };
    program(w, inner, node.program);
  }
  program(w, scope, node.inverse);
}

function partial(w: Walk, scope: Scope, node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement): void {
  if (node.name.type !== 'PathExpression') {
    issue(w, node, 'unsupported_template_syntax', 'dynamic partial', 'Dynamic partials ({{> (expression)}}) cannot be checked: name the partial');
    return;
  }
  const name = (node.name as hbs.AST.PathExpression).original;
  if (node.type === 'PartialBlockStatement') program(w, scope, (node as hbs.AST.PartialBlockStatement).program);
  if (name === '@partial-block') return;
  const source = w.partialSources[name];
  if (!source) {
    issue(w, node, 'unknown_partial', name, `There is no partial "${name}" in this template's partials`);
    return;
  }
  if (!w.out.partials.includes(name)) w.out.partials.push(name);
  const context = node.params[0] ? expression(w, scope, node.params[0]) : undefined;
  const locals = new Set<string>();
  for (const pair of node.hash?.pairs ?? []) {
    expression(w, scope, pair.value);
    locals.add(pair.key);
  }
  if (w.partialStack.includes(name)) return;
  const inner: Scope =
    context === undefined
      ? { context: { ...scope.context, locals: new Set([...scope.context.locals, ...locals]) }, parent: scope.parent, params: new Map() }
      : { context: { kind: 'member', of: context, locals }, parent: scope, params: new Map() };
  const field = w.field;
  w.field = `partials.${name}`;
  w.partialStack.push(name);
  program(w, inner, source);
  w.partialStack.pop();
  w.field = field;
}

function program(w: Walk, scope: Scope, node: hbs.AST.Program | undefined): void {
  for (const statement of node?.body ?? []) {
    switch (statement.type) {
      case 'MustacheStatement': mustache(w, scope, statement as hbs.AST.MustacheStatement); break;
      case 'BlockStatement': block(w, scope, statement as hbs.AST.BlockStatement); break;
      case 'PartialStatement':
      case 'PartialBlockStatement': partial(w, scope, statement as hbs.AST.PartialStatement); break;
      case 'DecoratorBlock':
      case 'Decorator': issue(w, statement, 'unsupported_template_syntax', 'decorator', 'Decorators ({{* ...}}) are not supported in templates'); break;
      default: break; // content, comments
    }
  }
}

/**
 * The references and strict-mode issues of one parsed part, given the declared variable names and the
 * template's parsed partials (issues inside a partial name `partials.<name>`).
 */
export function collectReferences(
  field: string,
  ast: hbs.AST.Program,
  declared: ReadonlySet<string>,
  partialSources: Readonly<Record<string, hbs.AST.Program>> = {},
  html = field === 'html',
): TemplateReferences {
  const out: TemplateReferences = { variables: [], paths: [], partials: [], issues: [] };
  const w: Walk = { field, declared, partialSources, partialStack: [], out, seenPaths: new Set(), seenIssues: new Set(), html };
  program(w, { context: { kind: 'root', locals: new Set() }, parent: null, params: new Map() }, ast);
  return out;
}

/** `Handlebars.parse`, with a syntax error as `{ error, line }` instead of a throw. */
export function parseTemplate(source: string): { ok: true; ast: hbs.AST.Program } | { ok: false; message: string; line?: number } {
  try {
    return { ok: true, ast: Handlebars.parse(source) };
  } catch (err) {
    const e = err as Error & { lineNumber?: number };
    const lines = String(e.message ?? err).split('\n');
    const line = e.lineNumber ?? (Number(/line (\d+)/.exec(lines[0])?.[1]) || undefined);
    // "Parse error on line 2:" + the source line + a caret + "Expecting ..., got ...": keep the first and the last.
    const message = lines.length > 1 ? `${lines[0].replace(/:$/, '')}: ${lines[lines.length - 1]}` : lines[0];
    return { ok: false, message, line };
  }
}
