export {
  type Connection,
  ConnectionType,
  createdAtPosition,
  decodeCreatedAtCursor,
  decodeCursor,
  type Edge,
  encodeCursor,
  MAX_PAGE_SIZE,
  PageInfo,
  pageSize,
  toConnection,
} from './pagination';
export { loadById, requestLoader } from './request-loader';
export { PRINT_SCHEMA_FLAG, printSchema, runSubgraph } from './run-subgraph';
export { SubgraphAppModule, subgraphAppModule, type SubgraphDefinition } from './subgraph-app.module';
export { type SubgraphContext, subgraphGraphQLModule, type SubgraphGraphQLOptions } from './subgraph-graphql.module';
