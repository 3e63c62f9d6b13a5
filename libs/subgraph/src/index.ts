export { PRINT_SCHEMA_FLAG, printSchema, runSubgraph, type SubgraphDefinition } from './run-subgraph';
export { type SubgraphContext, subgraphGraphQLModule, type SubgraphGraphQLOptions } from './subgraph-graphql.module';
