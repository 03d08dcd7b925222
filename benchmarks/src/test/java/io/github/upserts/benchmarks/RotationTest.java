package io.github.upserts.benchmarks;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The accounts of contenders measured in turns, with made-up contenders: no database. */
class RotationTest {
  @Test
  void accountsEachCallToItsContenderInShuffledOrders() throws Exception {
    List<String> calls = new ArrayList<>();
    Rotation rotation = new Rotation(List.of(
        new Rotation.Caller("slow", 0, () -> {
          calls.add("slow");
          LockSupport.parkNanos(2_000_000);
        }),
        new Rotation.Caller("fast", 0, () -> calls.add("fast")),
        new Rotation.Caller("allocating", 0, () -> {
          calls.add("allocating");
          calls.add(new String(new char[100_000]).substring(0, 0));
          calls.remove(calls.size() - 1);
        })));

    rotation.startIteration();
    for (int i = 0; i < 30; i++) {
      rotation.round();
    }
    rotation.endIteration();

    var accounts = rotation.lastIteration();
    assertThat(accounts.keySet()).containsExactly("slow", "fast", "allocating").inOrder();
    accounts.values().forEach(account -> assertThat(account.calls()).isEqualTo(30));
    assertThat(accounts.get("slow").nanos()).isAtLeast(30 * 2_000_000L);
    assertThat(accounts.get("fast").nanos()).isLessThan(accounts.get("slow").nanos() / 10);
    assertThat(accounts.get("allocating").allocatedBytes()).isAtLeast(30 * 200_000L);
    assertThat(accounts.get("fast").allocatedBytes()).isLessThan(30 * 1_000L);
    // no backend named: the server's share is unknown, not zero
    assertThat(accounts.get("fast").serverNanos()).isEqualTo(-1);
    // every contender went first in some round
    Set<String> firsts = new HashSet<>();
    for (int round = 0; round < 30; round++) {
      firsts.add(calls.get(3 * round));
    }
    assertThat(firsts).containsExactly("slow", "fast", "allocating");
  }

  @Test
  void startsEveryIterationAfresh() throws Exception {
    Rotation rotation = new Rotation(List.of(new Rotation.Caller("only", 0, () -> {})));
    rotation.startIteration();
    rotation.round();
    rotation.round();
    rotation.endIteration();
    rotation.startIteration();
    rotation.round();
    rotation.endIteration();

    assertThat(rotation.lastIteration().get("only").calls()).isEqualTo(1);
  }

  @Test
  void readsTheCpuTimeOfAProcessOnLinux() {
    long self = Rotation.serverCpuNanos(ProcessHandle.current().pid());
    if (System.getProperty("os.name").startsWith("Linux")) {
      assertThat(self).isGreaterThan(0L);
    } else {
      assertThat(self).isEqualTo(-1L);
    }
    assertThat(Rotation.serverCpuNanos(0)).isEqualTo(-1L);
  }
}
