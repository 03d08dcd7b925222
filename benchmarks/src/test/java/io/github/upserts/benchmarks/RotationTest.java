package io.github.upserts.benchmarks;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
  void runsOnlyTheContendersNamedAndRefusesNamesItDoesNotKnow() throws Exception {
    List<String> calls = new ArrayList<>();
    List<Rotation.Caller> callers = List.of(
        new Rotation.Caller("a", 0, () -> calls.add("a")),
        new Rotation.Caller("b", 0, () -> calls.add("b")),
        new Rotation.Caller("c", 0, () -> calls.add("c")));
    System.setProperty(Rotation.CONTENDERS_PROPERTY, "c,a");
    try {
      Rotation rotation = new Rotation(callers);
      rotation.startIteration();
      rotation.round();
      rotation.endIteration();
      assertThat(calls).containsExactly("a", "c");
      assertThat(rotation.lastIteration().keySet()).containsExactly("a", "c").inOrder();

      System.setProperty(Rotation.CONTENDERS_PROPERTY, "d");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new Rotation(callers));
      assertThat(e).hasMessageThat().contains("-Dupserts.bench.contenders=d");
    } finally {
      System.clearProperty(Rotation.CONTENDERS_PROPERTY);
    }
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
