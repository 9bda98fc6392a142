package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SubscribersTest {

  @Test
  void oneConsumerTwice_isTwoSubscriptions_eachClosedOnItsOwn() throws Exception {
    Subscribers<String> subscribers = new Subscribers<>();
    List<String> seen = new ArrayList<>();
    Consumer<String> consumer = seen::add;
    AutoCloseable first = subscribers.add(consumer);
    AutoCloseable second = subscribers.add(consumer);
    subscribers.deliver("a");
    assertThat(seen).containsExactly("a", "a");

    first.close();
    first.close(); // idempotent: must not remove the second subscription
    assertThat(subscribers.count()).isEqualTo(1);
    subscribers.deliver("b");
    assertThat(seen).containsExactly("a", "a", "b");

    second.close();
    subscribers.deliver("c");
    assertThat(seen).containsExactly("a", "a", "b");
    assertThat(subscribers.count()).isZero();
  }

  @Test
  void throwingSubscriber_isSkipped_andTheOthersStillGetTheEvent() {
    Subscribers<String> subscribers = new Subscribers<>();
    List<String> seen = new ArrayList<>();
    subscribers.add(seen::add);
    subscribers.add(e -> {
      throw new IllegalStateException("faulty");
    });
    subscribers.add(seen::add);
    subscribers.deliver("x");
    subscribers.deliver("y");
    assertThat(seen).containsExactly("x", "x", "y", "y");
  }

  @Test
  void errorLog_throwingSubscriber_doesNotBreakTheCaller() throws Exception {
    ErrorLog log = new ErrorLog(null, ErrorEvent.INFO);
    List<String> seen = new ArrayList<>();
    log.subscribe(e -> {
      throw new IllegalStateException("faulty");
    });
    log.subscribe(e -> seen.add(e.message()));
    log.publish(ErrorEvent.of(java.time.Instant.EPOCH, ErrorEvent.ERROR, "kept"));
    assertThat(seen).containsExactly("kept");
  }
}
