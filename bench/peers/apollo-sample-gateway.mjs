// @apollo/gateway as NestJS's federation sample configures it: the supergraph composed at start
// by introspecting the subgraphs (IntrospectAndCompose), default data sources, default Apollo
// Server settings. Run by `npm run bench` from bench/.peers, with PORT and SUBGRAPHS (JSON
// [{ name, url }]) in its environment. The one addition to the sample: Agora's subgraphs answer
// only a caller with the gateway's credential (CREDENTIAL_HEADER, CREDENTIAL), so every call carries it.
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const gateway = new ApolloGateway({
  supergraphSdl: new IntrospectAndCompose({ subgraphs: JSON.parse(process.env.SUBGRAPHS) }),
  buildService: ({ url }) =>
    new RemoteGraphQLDataSource({
      url,
      willSendRequest({ request }) {
        request.http?.headers.set(process.env.CREDENTIAL_HEADER, process.env.CREDENTIAL);
      },
    }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: '127.0.0.1' } });
console.log(`apollo sample gateway ready at ${url}`);
