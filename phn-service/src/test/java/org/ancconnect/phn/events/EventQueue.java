package org.ancconnect.phn.events;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A temporary queue on the real broker, bound to the events exchange, that a test reads messages from. */
final class EventQueue implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final String queue;

    private EventQueue(Connection connection, Channel channel, String queue) {
        this.connection = connection;
        this.channel = channel;
        this.queue = queue;
    }

    static EventQueue bind(EventsConfig config, String routingKey) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.host());
        factory.setPort(config.port());
        Connection connection = factory.newConnection();
        Channel ch = connection.createChannel();
        ch.exchangeDeclare(config.exchange(), "topic", true);
        String queue = ch.queueDeclare("", false, true, true, null).getQueue();
        ch.queueBind(queue, config.exchange(), routingKey);
        return new EventQueue(connection, ch, queue);
    }

    /** The first message whose body contains {@code text}, or null after 10 seconds. */
    GetResponse await(String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            GetResponse m = channel.basicGet(queue, true);
            if (m == null) {
                Thread.sleep(50);
            } else if (new String(m.getBody(), StandardCharsets.UTF_8).contains(text)) {
                return m;
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
