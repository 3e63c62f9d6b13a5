import type { EventEnvelope } from '@agora/contracts';
import { exchangeName, topologyNames } from '@agora/messaging';
import { TEST_RABBITMQ_URL } from './broker-cleanup';
import { waitFor } from './wait-for';
import amqp, { type ChannelModel } from 'amqplib';

/**
 * Publishes event envelopes straight to a test system's exchange, as another service's relay
 * would, so a consumer can be driven by events whose producer is not running.
 */
export class TestBroker {
  private constructor(
    private readonly connection: ChannelModel,
    private readonly namespace: string,
  ) {}

  static async connect(namespace: string): Promise<TestBroker> {
    return new TestBroker(await amqp.connect(TEST_RABBITMQ_URL), namespace);
  }

  /** Waits until `service` consumes its queue, so its bindings exist and nothing published is unroutable. */
  async waitForConsumer(service: string): Promise<void> {
    const queue = topologyNames(this.namespace, service).queue;
    await waitFor(
      async () => {
        // A missing queue closes the channel (404), so each attempt uses a fresh one.
        const channel = await this.connection.createChannel();
        channel.on('error', () => undefined);
        try {
          return (await channel.checkQueue(queue)).consumerCount > 0;
        } finally {
          await channel.close().catch(() => undefined);
        }
      },
      { description: `${service} consuming ${queue}` },
    );
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

  /** Publishes persistent messages and resolves when the broker confirmed them all. */
  async publish(envelopes: readonly EventEnvelope[]): Promise<void> {
    const channel = await this.connection.createConfirmChannel();
    try {
      for (const envelope of envelopes) {
        channel.publish(exchangeName(this.namespace), envelope.type, Buffer.from(JSON.stringify(envelope)), {
          persistent: true,
          messageId: envelope.id,
          type: envelope.type,
          contentType: 'application/cloudevents+json; charset=utf-8',
        });
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
