/** A JSON value, as GraphQL variables and results carry them. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** An argument value as written in the document, before variables are substituted. */
export type ValueNode =
  | { kind: 'variable'; name: string }
  | { kind: 'scalar'; value: string | number | boolean | null }
  | { kind: 'list'; items: ValueNode[] }
  | { kind: 'object'; fields: Array<[string, ValueNode]> };

/** Where a node starts in the document (1-based), for error `locations`. */
export interface SourceLocation {
  line: number;
  column: number;
}

/** One field of a selection set: `alias: name(args) { selections }`. */
export interface FieldNode {
  alias: string | undefined;
  name: string;
  args: Array<[string, ValueNode]>;
  /** Undefined for a leaf field (no braces). */
  selections: FieldNode[] | undefined;
  loc: SourceLocation;
}

/** A declared operation variable, e.g. `$id: ID! = "x"`. */
export interface VariableDefinition {
  name: string;
  /** The type as written, e.g. `[EditInput]!`. */
  type: string;
  defaultValue: ValueNode | undefined;
}

/** One operation of the document (fragments are not supported by the fake). */
export interface OperationNode {
  operation: 'query' | 'mutation' | 'subscription';
  name: string | undefined;
  variables: VariableDefinition[];
  selections: FieldNode[];
  loc: SourceLocation;
}
