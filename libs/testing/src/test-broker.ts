import type { EventEnvelope } from '@agora/contracts';
import { exchangeName, publishOptions, topologyNames } from '@agora/messaging';
import { TEST_RABBITMQ_URL } from './broker-cleanup';
import amqp, { type ChannelModel } from 'amqplib';

/**
 * Publishes event envelopes straight to a test system's exchange, as another service's relay
 * would, so a consumer can be driven by events whose producer is not running. A service's queue
 * is bound before its readiness turns green, so a started `TestSystem` can be published to at once.
 */
export class TestBroker {
  private constructor(
    private readonly connection: ChannelModel,
    private readonly namespace: string,
  ) {}

  static async connect(namespace: string): Promise<TestBroker> {
    return new TestBroker(await amqp.connect(TEST_RABBITMQ_URL), namespace);
  }

  /** How many messages wait in `service`'s dead-letter queue. */
  async parked(service: string): Promise<number> {
    const channel = await this.connection.createChannel();
    try {
      return (await channel.checkQueue(topologyNames(this.namespace, service).deadLetterQueue)).messageCount;
    } finally {
      await channel.close();
    }
  }

  /** How many messages wait in `service`'s own queue, not yet delivered. */
  async queued(service: string): Promise<number> {
    const channel = await this.connection.createChannel();
    try {
      return (await channel.checkQueue(topologyNames(this.namespace, service).queue)).messageCount;
    } finally {
      await channel.close();
    }
  }

  /** Publishes persistent messages and resolves when the broker confirmed them all. */
  async publish(envelopes: readonly EventEnvelope[]): Promise<void> {
    const channel = await this.connection.createConfirmChannel();
    try {
      for (const envelope of envelopes) {
        channel.publish(
          exchangeName(this.namespace),
          envelope.type,
          Buffer.from(JSON.stringify(envelope)),
          publishOptions(envelope.id, envelope.type),
        );
      }
      await channel.waitForConfirms();
    } finally {
      await channel.close();
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
