import {
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  type TypeNode,
} from 'graphql';

/**
 * The nullability rule that keeps one subgraph's outage to the fields it serves (README,
 * "Architecture"): in the composed supergraph, a field must be nullable when
 *
 * - it is served by a subgraph other than its entity's owner (`Product.stock`, served by inventory
 *   for catalog's Product), or
 * - it returns an entity owned by another subgraph than one that serves it (`Review.author`,
 *   served by reviews, returns accounts' User, whose fields only accounts can answer).
 *
 * Otherwise a null from a subgraph that is down or late bubbles up through every non-null parent,
 * and the answer loses fields that healthy subgraphs served. An entity's owner is the one subgraph
 * that defines it without `@extends`; every other subgraph marks its stub `@extends`.
 */
export interface FaultIsolationViolation {
  /** `Type.field`, or the type alone for an entity without exactly one owner. */
  readonly coordinate: string;
  readonly message: string;
}

interface JoinType {
  readonly graph: string;
  readonly isKey: boolean;
  readonly extension: boolean;
}

const JOIN_TYPE = 'join__type';
const JOIN_FIELD = 'join__field';
const JOIN_GRAPH = 'join__graph';

/** Every place where the supergraph `sdl` breaks the rule; an empty list when it keeps it. */
export function faultIsolationViolations(sdl: string): FaultIsolationViolation[] {
  const document = parse(sdl);
  const graphNames = subgraphNames(document);
  const types = document.definitions.filter(
    (definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION,
  );
  const violations: FaultIsolationViolation[] = [];
  const owners = new Map<string, string>();
  for (const type of types) {
    const joins = joinTypes(type);
    if (!joins.some((join) => join.isKey)) continue;
    const owning = [...new Set(joins.filter((join) => join.isKey && !join.extension).map((join) => join.graph))];
    const [owner] = owning;
    if (owning.length === 1 && owner) owners.set(type.name.value, owner);
    else
      violations.push({
        coordinate: type.name.value,
        message:
          `entity ${type.name.value} must have exactly one owner, but ${owning.length === 0 ? 'no subgraph defines' : `${owning.map((graph) => graphNames.get(graph)).join(' and ')} define`} ` +
          'it without @extends: mark the stubs of every subgraph but the owner with @extends.',
      });
  }
  for (const type of types) {
    const allGraphs = joinTypes(type).map((join) => join.graph);
    const owner = owners.get(type.name.value);
    for (const field of type.fields ?? []) {
      if (field.type.kind !== Kind.NON_NULL_TYPE) continue;
      const coordinate = `${type.name.value}.${field.name.value}`;
      const graphs = servingGraphs(field) ?? allGraphs;
      const returned = namedType(field.type);
      const returnedOwner = owners.get(returned);
      const name = (graph: string) => graphNames.get(graph) ?? graph;
      if (owner && !graphs.includes(owner)) {
        violations.push({
          coordinate,
          message: `${coordinate} is served by ${graphs.map(name).join(', ')}, not by ${type.name.value}'s owner ${name(owner)}: make it nullable.`,
        });
      } else if (returnedOwner && graphs.some((graph) => graph !== returnedOwner)) {
        violations.push({
          coordinate,
          message: `${coordinate} returns ${returned}, owned by ${name(returnedOwner)}, but is served by ${graphs
            .filter((graph) => graph !== returnedOwner)
            .map(name)
            .join(', ')}: make it nullable.`,
        });
      }
    }
  }
  return violations;
}

/** The `join__Graph` enum values with the subgraph names they stand for. */
function subgraphNames(document: DocumentNode): Map<string, string> {
  const names = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((directive) => directive.name.value === JOIN_GRAPH);
      names.set(value.name.value, stringArgument(graph, 'name') ?? value.name.value.toLowerCase());
    }
  }
  return names;
}

function joinTypes(type: ObjectTypeDefinitionNode): JoinType[] {
  return (type.directives ?? [])
    .filter((directive) => directive.name.value === JOIN_TYPE)
    .map((directive) => ({
      graph: enumArgument(directive, 'graph') ?? '',
      isKey: stringArgument(directive, 'key') !== undefined,
      extension: booleanArgument(directive, 'extension') ?? false,
    }));
}

/** The subgraphs that resolve a field, from its `@join__field`s; undefined when every subgraph of its type does. */
function servingGraphs(field: FieldDefinitionNode): string[] | undefined {
  const joins = (field.directives ?? []).filter((directive) => directive.name.value === JOIN_FIELD);
  const graphs = joins
    .filter((directive) => !booleanArgument(directive, 'external'))
    .map((directive) => enumArgument(directive, 'graph'))
    .filter((graph): graph is string => graph !== undefined);
  return graphs.length > 0 ? graphs : undefined;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function argument(directive: ConstDirectiveNode | undefined, name: string) {
  return directive?.arguments?.find((arg) => arg.name.value === name)?.value;
}

function stringArgument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = argument(directive, name);
  return value?.kind === Kind.STRING ? value.value : undefined;
}

function enumArgument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = argument(directive, name);
  return value?.kind === Kind.ENUM ? value.value : undefined;
}

function booleanArgument(directive: ConstDirectiveNode | undefined, name: string): boolean | undefined {
  const value = argument(directive, name);
  return value?.kind === Kind.BOOLEAN ? value.value : undefined;
}
