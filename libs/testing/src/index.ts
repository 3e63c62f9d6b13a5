export { graphql, type GraphQLResponse } from './graphql-client';
export { freePort, TEST_PREFIX, testNamespace } from './namespace';
export { ServiceProcess, type StartServiceOptions } from './service-process';
export { waitFor, type WaitForOptions, WaitTimeoutError } from './wait-for';
export { TEST_DATABASE_SERVER_URL, TestSystem, type TestSystemOptions } from './test-system';
export { deleteBrokerNamespace, TEST_RABBITMQ_URL } from './broker-cleanup';
export { CountingSubgraph } from './counting-subgraph';
