import type { FieldNode, OperationNode, ValueNode, VariableDefinition } from './ast.js';
import { GraphqlRequestError } from './errors.js';
import { locate, type Token, tokenize } from './lexer.js';

// A recursive-descent parser for the subset of GraphQL the fake serves: operations, fields, aliases,
// arguments, variables. Fragments and directives are refused with a clear error rather than ignored.
class Parser {
  private index = 0;
  private readonly tokens: Token[];

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index += 1;
    return token;
  }

  private describe(token: Token): string {
    return token.kind === 'eof' ? '<EOF>' : JSON.stringify(token.value);
  }

  private fail(token: Token, detail: string): never {
    throw new GraphqlRequestError(`Syntax Error: ${detail}`, 'GRAPHQL_PARSE_FAILED', [
      locate(this.source, token.start),
    ]);
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.value === value;
  }

  private expectPunct(value: string): Token {
    const token = this.next();
    if (token.kind !== 'punct' || token.value !== value) {
      this.fail(token, `Expected "${value}", found ${this.describe(token)}.`);
    }
    return token;
  }

  private expectName(): string {
    const token = this.next();
    if (token.kind !== 'name') this.fail(token, `Expected Name, found ${this.describe(token)}.`);
    return token.value;
  }

  private unsupported(token: Token, what: string): never {
    throw new GraphqlRequestError(
      `${what} are not supported by the fake OpenCTI server`,
      'GRAPHQL_VALIDATION_FAILED',
      [locate(this.source, token.start)],
    );
  }

  parseDocument(): OperationNode[] {
    const operations: OperationNode[] = [];
    while (this.peek().kind !== 'eof') operations.push(this.parseOperation());
    if (operations.length === 0) this.fail(this.peek(), 'Unexpected <EOF>.');
    return operations;
  }

  private parseOperation(): OperationNode {
    const start = this.peek();
    if (this.isPunct('{')) {
      return {
        operation: 'query',
        name: undefined,
        variables: [],
        selections: this.parseSelectionSet(),
        loc: locate(this.source, start.start),
      };
    }
    if (start.kind === 'name' && start.value === 'fragment') this.unsupported(start, 'Fragments');
    if (start.kind !== 'name' || !['query', 'mutation', 'subscription'].includes(start.value)) {
      this.fail(start, `Unexpected ${this.describe(start)}.`);
    }
    this.next();
    const name = this.peek().kind === 'name' ? this.expectName() : undefined;
    const variables = this.isPunct('(') ? this.parseVariableDefinitions() : [];
    if (this.isPunct('@')) this.unsupported(this.peek(), 'Directives');
    return {
      operation: start.value as OperationNode['operation'],
      name,
      variables,
      selections: this.parseSelectionSet(),
      loc: locate(this.source, start.start),
    };
  }

  private parseVariableDefinitions(): VariableDefinition[] {
    this.expectPunct('(');
    const defs: VariableDefinition[] = [];
    while (!this.isPunct(')')) {
      this.expectPunct('$');
      const name = this.expectName();
      this.expectPunct(':');
      const type = this.parseType();
      let defaultValue: ValueNode | undefined;
      if (this.isPunct('=')) {
        this.next();
        defaultValue = this.parseValue(true);
      }
      defs.push({ name, type, defaultValue });
    }
    this.expectPunct(')');
    return defs;
  }

  private parseType(): string {
    let type: string;
    if (this.isPunct('[')) {
      this.next();
      type = `[${this.parseType()}]`;
      this.expectPunct(']');
    } else {
      type = this.expectName();
    }
    if (this.isPunct('!')) {
      this.next();
      type += '!';
    }
    return type;
  }

  private parseSelectionSet(): FieldNode[] {
    this.expectPunct('{');
    const fields: FieldNode[] = [];
    while (!this.isPunct('}')) {
      if (this.isPunct('...')) this.unsupported(this.peek(), 'Fragments');
      fields.push(this.parseField());
    }
    this.expectPunct('}');
    if (fields.length === 0) this.fail(this.peek(), 'Expected Name, found "}".');
    return fields;
  }

  private parseField(): FieldNode {
    const start = this.peek();
    let name = this.expectName();
    let alias: string | undefined;
    if (this.isPunct(':')) {
      this.next();
      alias = name;
      name = this.expectName();
    }
    const args: Array<[string, ValueNode]> = [];
    if (this.isPunct('(')) {
      this.next();
      while (!this.isPunct(')')) {
        const argName = this.expectName();
        this.expectPunct(':');
        args.push([argName, this.parseValue(false)]);
      }
      this.expectPunct(')');
    }
    if (this.isPunct('@')) this.unsupported(this.peek(), 'Directives');
    const selections = this.isPunct('{') ? this.parseSelectionSet() : undefined;
    return { alias, name, args, selections, loc: locate(this.source, start.start) };
  }

  private parseValue(isConst: boolean): ValueNode {
    const token = this.next();
    switch (token.kind) {
      case 'int':
      case 'float':
        return { kind: 'scalar', value: Number(token.value) };
      case 'string':
        return { kind: 'scalar', value: token.value };
      case 'name':
        if (token.value === 'true' || token.value === 'false') {
          return { kind: 'scalar', value: token.value === 'true' };
        }
        if (token.value === 'null') return { kind: 'scalar', value: null };
        // Enum values travel as their names, as they do in JSON variables.
        return { kind: 'scalar', value: token.value };
      case 'punct':
        if (token.value === '$' && !isConst) return { kind: 'variable', name: this.expectName() };
        if (token.value === '[') {
          const items: ValueNode[] = [];
          while (!this.isPunct(']')) items.push(this.parseValue(isConst));
          this.next();
          return { kind: 'list', items };
        }
        if (token.value === '{') {
          const fields: Array<[string, ValueNode]> = [];
          while (!this.isPunct('}')) {
            const key = this.expectName();
            this.expectPunct(':');
            fields.push([key, this.parseValue(isConst)]);
          }
          this.next();
          return { kind: 'object', fields };
        }
        return this.fail(token, `Unexpected ${this.describe(token)}.`);
      default:
        return this.fail(token, `Unexpected ${this.describe(token)}.`);
    }
  }
}

/** Parse a GraphQL document into its operations; throws GraphqlRequestError (`GRAPHQL_PARSE_FAILED`). */
export function parseDocument(source: string): OperationNode[] {
  return new Parser(source).parseDocument();
}

/** Pick the operation to run, as GraphQL does: by `operationName`, or the only one. */
export function selectOperation(
  operations: OperationNode[],
  operationName: string | undefined,
): OperationNode {
  if (operationName) {
    const found = operations.find((op) => op.name === operationName);
    if (!found)
      throw new GraphqlRequestError(`Unknown operation named "${operationName}".`, 'BAD_USER_INPUT');
    return found;
  }
  const [only, ...rest] = operations;
  if (!only || rest.length > 0) {
    throw new GraphqlRequestError(
      'Must provide operation name if query contains multiple operations.',
      'BAD_USER_INPUT',
    );
  }
  return only;
}
