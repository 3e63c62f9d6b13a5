export { UnreachableCaseError } from './unreachable-case.error';
