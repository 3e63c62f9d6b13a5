import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * The fields an operation selects at its root, counting those reached through fragments (each
 * fragment once) and leaving out `__typename`, which costs nothing.
 */
export function countRootFields(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): number {
  const seen = new Set<string>();
  const count = (selectionSet: SelectionSetNode): number =>
    selectionSet.selections.reduce((total, selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return total + (selection.name.value === '__typename' ? 0 : 1);
        case Kind.INLINE_FRAGMENT:
          return total + count(selection.selectionSet);
        case Kind.FRAGMENT_SPREAD: {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || seen.has(fragment.name.value)) return total;
          seen.add(fragment.name.value);
          return total + count(fragment.selectionSet);
        }
      }
    }, 0);
  return count(operation.selectionSet);
}
